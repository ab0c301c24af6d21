package org.wbaudit.audit;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.wbaudit.access.AccessCheck;
import org.wbaudit.access.AccessRequest;
import org.wbaudit.directory.DirectoryException;
import org.wbaudit.directory.DirectoryObject;
import org.wbaudit.directory.PasswordPolicies;
import org.wbaudit.directory.ProtectionDirectory;
import org.wbaudit.sd.AccessMask;
import org.wbaudit.sd.MalformedDescriptorException;
import org.wbaudit.sd.SecurityDescriptor;

/**
 * Which password policy a written-back password must pass for each user: the user's resultant
 * Password Settings Object (msDS-ResultantPSO) where the audited account can read it; else
 * computed from the PSOs of the Password Settings Container where it can read those (a PSO
 * linked to the user wins over those linked to its groups, then the lowest precedence); else
 * unknown — never the domain's policy by guess.
 */
final class PasswordPolicyResolver {
  /** The attribute a DC computes for each user: the PSO that applies to it. */
  static final String RESULTANT = "msDS-ResultantPSO";

  /**
   * A user's policy.
   *
   * @param source "domain", "pso" or "unknown"
   * @param pso the PSO's DN when source is pso; null otherwise
   */
  record Resolved(String source, String pso) {
    static final Resolved DOMAIN = new Resolved("domain", null);
    static final Resolved UNKNOWN = new Resolved("unknown", null);
  }

  /** The PSOs, or null when the Password Settings Container cannot be read. */
  private final List<PasswordPolicies.Pso> psos;
  /** Per PSO DN (lower case): the users it reaches through a group link; null when unknown. */
  private final Map<String, Set<String>> groupMembers;

  private PasswordPolicyResolver(List<PasswordPolicies.Pso> psos, Map<String, Set<String>> groupMembers) {
    this.psos = psos;
    this.groupMembers = groupMembers;
  }

  /**
   * Reads the PSOs when the listing can be trusted: the container's DACL must let the audited
   * account list it and read what is below (the access check decides, on the descriptor the DC
   * returns). Conservative when an admin binds for the connector: what the connector could not
   * list is unknown, never the domain's policy.
   */
  static PasswordPolicyResolver read(DomainContext ctx) {
    List<PasswordPolicies.Pso> psos;
    try {
      PasswordPolicies dir = new PasswordPolicies(ctx.session());
      byte[] raw = dir.containerDescriptor();
      boolean visible = raw != null && AccessCheck.evaluate(SecurityDescriptor.parse(raw),
          ctx.token().token(), null,
          AccessRequest.onObject(AccessMask.LIST_CHILDREN | AccessMask.READ_PROPERTY)).isGranted();
      psos = visible ? dir.all() : null;
    } catch (DirectoryException | MalformedDescriptorException e) {
      psos = null;
    }
    if (psos == null) {
      return new PasswordPolicyResolver(null, null);
    }
    ProtectionDirectory dir = new ProtectionDirectory(ctx.session());
    Map<String, Set<String>> members = new HashMap<>();
    try {
      for (PasswordPolicies.Pso p : psos) {
        Set<String> reached = new HashSet<>();
        for (String target : p.appliesTo()) {
          // A link to a group reaches its members, nested ones too; a link to a user, the user.
          dir.transitiveMembers(target).forEach(m -> reached.add(m.toLowerCase(Locale.ROOT)));
        }
        members.put(p.dn().toLowerCase(Locale.ROOT), reached);
      }
    } catch (DirectoryException e) {
      members = null; // membership cannot be read: group-linked PSOs make their users unknown
    }
    return new PasswordPolicyResolver(psos, members);
  }

  List<PasswordPolicies.Pso> psos() {
    return psos == null ? List.of() : psos;
  }

  Resolved of(DirectoryObject o) {
    List<byte[]> resultant = o.otherValues().get(RESULTANT);
    if (resultant != null && !resultant.isEmpty()) {
      return new Resolved("pso", new String(resultant.get(0), StandardCharsets.UTF_8));
    }
    if (psos == null) {
      return Resolved.UNKNOWN;
    }
    if (psos.isEmpty()) {
      return Resolved.DOMAIN;
    }
    String dn = o.dn().toLowerCase(Locale.ROOT);
    Comparator<PasswordPolicies.Pso> order = Comparator.comparingInt(PasswordPolicies.Pso::precedence);
    PasswordPolicies.Pso direct = psos.stream()
        .filter(p -> p.appliesTo().stream().anyMatch(t -> t.equalsIgnoreCase(o.dn())))
        .min(order).orElse(null);
    if (direct != null) {
      return new Resolved("pso", direct.dn());
    }
    if (groupMembers == null) {
      boolean anyGroupLink = psos.stream().anyMatch(p -> !p.appliesTo().isEmpty());
      return anyGroupLink ? Resolved.UNKNOWN : Resolved.DOMAIN;
    }
    PasswordPolicies.Pso viaGroup = psos.stream()
        .filter(p -> groupMembers.getOrDefault(p.dn().toLowerCase(Locale.ROOT), Set.of()).contains(dn))
        .min(order).orElse(null);
    return viaGroup != null ? new Resolved("pso", viaGroup.dn()) : Resolved.DOMAIN;
  }
}
