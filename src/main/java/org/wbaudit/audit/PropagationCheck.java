package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.wbaudit.access.Decision;
import org.wbaudit.access.Inheritance;
import org.wbaudit.access.UserRights;
import org.wbaudit.access.UserRightsEvaluator;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.DistinguishedNames;
import org.wbaudit.directory.DomainReader;
import org.wbaudit.rules.RuleId;
import org.wbaudit.sd.AceType;
import org.wbaudit.sd.Acl;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.Sddl;
import org.wbaudit.sd.SddlException;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.TrusteeAce;

/**
 * A writeback grant that an ancestor's inheritable ACE gives the user, but that is not stamped on
 * the user: propagation has not run yet (AD takes up to an hour on a large tree) or did not
 * reach it. Distinct from a disabled inheritance, which {@link InheritanceCheck} reports: a
 * protected DACL is never checked here.
 */
final class PropagationCheck implements UserCheck {
  /** One ancestor of a user: its DN and its descriptor, null when it could not be read. */
  record Ancestor(String dn, SecurityDescriptor descriptor) {}

  /** The ancestors of an object, nearest first, up to the domain's root. */
  interface Ancestors {
    List<Ancestor> of(String dn);
  }

  /**
   * The ancestors of objects of {@code domainDn}, read through {@code reader}: each container
   * read once (a domain has few), parsed on first use.
   */
  static Ancestors ancestorsFrom(DomainReader reader, String domainDn) {
    Map<String, Ancestor> cache = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Ancestor> e) {
        return size() > DomainContext.DESCRIPTOR_CACHE;
      }
    };
    return dn -> {
      List<Ancestor> chain = new ArrayList<>();
      String at = DistinguishedNames.parentOf(dn);
      while (at != null) {
        String key = at.toLowerCase(java.util.Locale.ROOT);
        Ancestor a = cache.get(key);
        if (a == null) {
          byte[] bytes = reader.descriptorOf(at);
          SecurityDescriptor sd = null;
          try {
            sd = bytes == null ? null : SecurityDescriptor.parse(bytes);
          } catch (MalformedDescriptorException e) {
            sd = null; // a container's broken descriptor ends the walk, as an unreadable one
          }
          a = new Ancestor(at, sd);
          cache.put(key, a);
        }
        chain.add(a);
        if (at.equalsIgnoreCase(domainDn)) {
          break;
        }
        at = DistinguishedNames.parentOf(at);
      }
      return chain;
    };
  }

  private final UserRightsEvaluator evaluator;
  private final Sid domainSid;

  PropagationCheck(UserRightsEvaluator evaluator, Sid domainSid) {
    this.evaluator = evaluator;
    this.domainSid = domainSid;
  }

  /** An inheritable grant reaching users under one parent, and what it alone gives them. */
  private record Candidate(Inheritance.Reaching reaching, String grantedOn, Set<WritebackRight> gives) {}

  /** Per (parent, class): users under one container share their ancestors, so this is per container. */
  private final Map<String, List<Candidate>> byParent = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<Candidate>> e) {
      return size() > 10_000;
    }
  };

  /** Looks only at users that lack a right: a granted right needs no missing grant explained. */
  @Override
  public void check(UserContext user, Findings findings) {
    SecurityDescriptor sd = user.descriptor();
    UUID objectClass = user.objectClass();
    if (sd == null || user.inheritanceDisabled() || objectClass == null) {
      return;
    }
    Set<WritebackRight> lacking = EnumSet.noneOf(WritebackRight.class);
    for (WritebackRight r : WritebackRight.PER_USER) {
      if (Boolean.FALSE.equals(user.right(r).granted())) {
        lacking.add(r);
      }
    }
    if (lacking.isEmpty()) {
      return;
    }
    String dn = user.dn();
    String parent = parentKey(dn);
    List<Candidate> candidates = byParent.computeIfAbsent(parent + "|" + objectClass,
        k -> candidates(user, objectClass, sd));
    for (Candidate c : candidates) {
      if (Collections.disjoint(c.gives(), lacking) || Inheritance.stamped(sd.dacl(), c.reaching().ace())) {
        continue;
      }
      for (WritebackRight r : WritebackRight.PER_USER) {
        if (c.gives().contains(r) && lacking.remove(r)) {
          Map<String, Object> d = new LinkedHashMap<>();
          d.put("right", r.key());
          d.put("grantedOn", c.grantedOn());
          d.put("depth", c.reaching().depth());
          d.put("aceIndex", c.reaching().aceIndex());
          d.put("ace", sddl(c.reaching().ace()));
          findings.emit(RuleId.GRANT_NOT_PROPAGATED, dn, r.displayName() + " is granted on "
              + c.grantedOn() + " (ACE " + c.reaching().aceIndex() + ", inheritable to this user)"
              + " but not stamped on the user: inheritance has not propagated to it yet", d);
        }
      }
      if (lacking.isEmpty()) {
        return;
      }
    }
  }

  /**
   * The allow ACEs reaching users under dn's parent, each with the writeback rights it alone
   * gives (stamped as the DC would stamp it; owner and group as on this user). A grant to
   * PRINCIPAL SELF is judged without the user's SID: it concerns the user's own account only.
   */
  private List<Candidate> candidates(UserContext of, UUID objectClass, SecurityDescriptor user) {
    List<Ancestor> chain = of.ancestors();
    List<SecurityDescriptor> descriptors = chain.stream().map(Ancestor::descriptor).toList();
    List<Candidate> out = new ArrayList<>();
    for (Inheritance.Reaching reaching : Inheritance.reaching(descriptors, objectClass)) {
      TrusteeAce ace = reaching.ace();
      if (ace.type().kind() != AceType.Kind.ALLOW || ace.type().isCallback()) {
        continue;
      }
      SecurityDescriptor alone = new SecurityDescriptor(user.control(), 0, user.owner(), user.group(),
          null, Acl.of(List.of(Inheritance.asStamped(ace))));
      UserRights rights = evaluator.decide(alone, objectClass, null);
      Set<WritebackRight> gives = EnumSet.noneOf(WritebackRight.class);
      for (WritebackRight r : WritebackRight.PER_USER) {
        if (rights.decisions().get(r) instanceof Decision.Granted) {
          gives.add(r);
        }
      }
      if (!gives.isEmpty()) {
        out.add(new Candidate(reaching, chain.get(reaching.depth() - 1).dn(), gives));
      }
    }
    return out;
  }

  /** The parent's DN, lower case: users under one container share their candidates. */
  private static String parentKey(String dn) {
    String parent = DistinguishedNames.parentOf(dn);
    return parent == null ? "" : parent.toLowerCase(java.util.Locale.ROOT);
  }

  private String sddl(TrusteeAce ace) {
    try {
      return Sddl.formatAce(ace, domainSid);
    } catch (SddlException e) {
      return null;
    }
  }
}
