package org.wbaudit.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wbaudit.access.ResetGrants;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.ConnectorDirectory;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectorySession;
import org.wbaudit.rules.ConnectorPatterns;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.SecurityDescriptor;
import org.wbaudit.sd.Sid;
import org.wbaudit.sd.WellKnownSid;

/**
 * Finds the accounts that act for the sync engines in one domain, each with the evidence that
 * points to it: the name and description Entra Connect's installer gives its AD DS connector
 * account, Cloud Sync's group managed service account, and every trustee that a container's DACL
 * lets reset the passwords of the users below it (which finds custom connector accounts, and
 * shows who else can reset passwords across the domain). Reads only.
 */
public final class ConnectorDiscovery {
  public static final String GRANT_HOLDER = "grant-holder";

  /**
   * A container where a trustee holds Reset Password on descendant users.
   *
   * @param objectClass "user", "inetOrgPerson", or "user, inetOrgPerson" when both
   * @param inherited whether the grant on the container is itself inherited from above
   */
  public record GrantLocation(String container, String objectClass, boolean inherited) {}

  /**
   * One account (or group, or well-known SID) found.
   *
   * @param kinds entra-connect-sync, cloud-sync-gmsa, grant-holder: each that applies
   * @param evidence why each kind applies, in words
   * @param lastLogon the replicated last logon; null when never or not readable
   * @param enabled null when it is not an account (a group, a well-known SID)
   * @param account whether an account can run as it (a user, computer or gMSA, not a group)
   */
  public record Connector(String dn, String sid, String samAccountName, List<String> kinds,
      List<String> evidence, Instant lastLogon, Boolean enabled, boolean account,
      List<GrantLocation> resetGrants) {
    public Connector {
      kinds = List.copyOf(kinds);
      evidence = List.copyOf(evidence);
      resetGrants = List.copyOf(resetGrants);
    }
  }

  /**
   * What discovery found in one domain.
   *
   * @param unreadable containers whose descriptor the reading account may not see: grants there
   *     are unknown
   */
  public record Result(String domain, List<Connector> connectors, List<String> unreadable) {}

  private ConnectorDiscovery() {}

  public static Result discover(DirectorySession session, ConnectorPatterns patterns)
      throws DirectoryException {
    ConnectorDirectory dir = new ConnectorDirectory(session);
    Map<String, Builder> found = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    for (ConnectorPatterns.Kind k : patterns.kinds()) {
      names.add(literalPrefix(k.samAccountName()));
      if (k.description() != null) {
        descriptions.add(literalPrefix(k.description()));
      }
    }
    for (ConnectorDirectory.Account a : dir.named(names, descriptions)) {
      for (ConnectorPatterns.Kind k : patterns.kinds()) {
        List<String> why = evidence(k, a);
        if (!why.isEmpty()) {
          Builder b = found.computeIfAbsent(key(a.sid(), a.dn()), x -> new Builder(a, null));
          b.kind(k.kind(), why);
        }
      }
    }
    List<String> unreadable = new ArrayList<>();
    for (ConnectorDirectory.Container c : dir.containers()) {
      if (c.descriptor() == null) {
        unreadable.add(c.dn());
        continue;
      }
      SecurityDescriptor sd;
      try {
        sd = SecurityDescriptor.parse(c.descriptor());
      } catch (MalformedDescriptorException e) {
        unreadable.add(c.dn());
        continue;
      }
      if (sd.dacl() == null) {
        continue;
      }
      for (ResetGrants.Grant g : ResetGrants.of(sd)) {
        Builder b = found.get(key(g.trustee(), null));
        if (b == null) {
          ConnectorDirectory.Account a = dir.bySid(g.trustee());
          b = new Builder(a, g.trustee());
          found.put(key(g.trustee(), null), b);
        }
        b.grant(new GrantLocation(c.dn(), className(g), g.inherited()));
      }
    }
    List<Connector> out = new ArrayList<>();
    found.values().forEach(b -> out.add(b.build(session)));
    out.sort(Comparator.comparing((Connector c) -> c.lastLogon() == null ? Instant.MIN : c.lastLogon())
        .reversed().thenComparing(c -> c.dn() == null ? c.sid() : c.dn()));
    return new Result(session.rootDse().defaultNamingContext(), out, unreadable);
  }

  /**
   * What {@code --principal auto} may audit as: the chosen account, or, when more than one is
   * plausible, none and the plausible ones to list.
   */
  public record Choice(Connector chosen, List<Connector> plausible) {
    public Choice {
      plausible = List.copyOf(plausible);
    }
  }

  /**
   * The account {@code --principal auto} audits as, chosen by what it can do, never by its name
   * and logon time alone (both can be planted): an account that holds a Reset Password grant
   * ({@code capable}: directly or through its groups) always wins over one that holds none; of
   * those, one named as a sync engine names its account wins over one that is not; disabled
   * accounts only when no enabled one is left. Exactly one left is chosen; several are refused
   * (none chosen, all listed); none at all, null chosen and none listed.
   */
  public static Choice choose(List<Connector> connectors, java.util.function.Predicate<Connector> capable) {
    List<Connector> accounts = connectors.stream().filter(c -> c.account() && c.dn() != null).toList();
    List<Connector> pool = accounts.stream().filter(capable).toList();
    if (pool.isEmpty()) {
      pool = accounts.stream().filter(ConnectorDiscovery::named).toList();
    } else if (pool.stream().anyMatch(ConnectorDiscovery::named)) {
      pool = pool.stream().filter(ConnectorDiscovery::named).toList();
    }
    if (pool.stream().anyMatch(c -> Boolean.TRUE.equals(c.enabled()))) {
      pool = pool.stream().filter(c -> Boolean.TRUE.equals(c.enabled())).toList();
    }
    if (pool.size() == 1) {
      return new Choice(pool.get(0), List.of());
    }
    return new Choice(null, pool);
  }

  /** Whether the account is named as a sync engine names its account (not only a grant holder). */
  static boolean named(Connector c) {
    return c.kinds().stream().anyMatch(k -> !k.equals(GRANT_HOLDER));
  }

  private static List<String> evidence(ConnectorPatterns.Kind k, ConnectorDirectory.Account a) {
    if (k.objectClass() != null && a.objectClasses().stream().noneMatch(k.objectClass()::equalsIgnoreCase)) {
      return List.of();
    }
    List<String> why = new ArrayList<>();
    if (a.samAccountName() != null && k.samAccountName().matcher(a.samAccountName()).find()) {
      why.add("sAMAccountName " + a.samAccountName() + " is the name " + k.what() + " gets");
    }
    if (k.description() != null && a.description() != null) {
      Matcher m = k.description().matcher(a.description());
      if (m.find()) {
        String id = m.groupCount() >= 2 && m.group(2) != null ? m.group(2) : null;
        why.add("its description is the one " + k.what() + " gets"
            + (id != null ? " (installation identifier " + id + ")" : ""));
      }
    }
    if (k.objectClass() != null && !why.isEmpty()) {
      why.add("it is a " + k.objectClass());
    }
    return why;
  }

  /** The text every match of a pattern starts with: what an LDAP substring filter can ask for. */
  static String literalPrefix(Pattern p) {
    String s = p.pattern().startsWith("^") ? p.pattern().substring(1) : p.pattern();
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if ("\\[](){}.*+?|^$".indexOf(ch) >= 0) {
        break;
      }
      b.append(ch);
    }
    return b.toString().strip();
  }

  private static String className(ResetGrants.Grant g) {
    if (g.objectClass() == null) {
      return "user, inetOrgPerson";
    }
    return g.objectClass().equals(WritebackRight.Guid.INET_ORG_PERSON_CLASS) ? "inetOrgPerson" : "user";
  }

  private static String key(Sid sid, String dn) {
    return sid != null ? sid.toString() : dn.toLowerCase(java.util.Locale.ROOT);
  }

  /** Gathers one connector's kinds, evidence and grants. */
  private static final class Builder {
    private final ConnectorDirectory.Account account;
    private final Sid sid;
    private final List<String> kinds = new ArrayList<>();
    private final List<String> evidence = new ArrayList<>();
    private final List<GrantLocation> grants = new ArrayList<>();

    Builder(ConnectorDirectory.Account account, Sid sid) {
      this.account = account;
      this.sid = account != null ? account.sid() : sid;
    }

    void kind(String kind, List<String> why) {
      if (!kinds.contains(kind)) {
        kinds.add(kind);
      }
      evidence.addAll(why);
    }

    void grant(GrantLocation g) {
      if (grants.isEmpty()) {
        kind(GRANT_HOLDER, List.of());
      }
      grants.add(g);
    }

    Connector build(DirectorySession session) {
      if (!grants.isEmpty()) {
        evidence.add("holds Reset Password on the users below " + grants.size()
            + (grants.size() == 1 ? " container" : " containers"));
      }
      boolean isAccount = account != null && account.objectClasses().stream()
          .anyMatch(c -> c.equalsIgnoreCase("user"));
      String name = account != null ? account.samAccountName() : wellKnownName(sid, session);
      Instant last = account == null || account.lastLogonTimestamp() <= 0 ? null
          : Instant.ofEpochSecond(account.lastLogonTimestamp() / 10_000_000L - 11_644_473_600L);
      return new Connector(account != null ? account.dn() : null, sid == null ? null : sid.toString(),
          name, kinds, evidence, last, isAccount ? !account.disabled() : null, isAccount, grants);
    }

    private static String wellKnownName(Sid sid, DirectorySession session) {
      if (sid == null) {
        return null;
      }
      WellKnownSid w = WellKnownSid.lookup(sid, null);
      return w != null ? w.displayName() : null;
    }
  }
}
