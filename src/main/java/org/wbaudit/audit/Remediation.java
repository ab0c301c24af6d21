package org.wbaudit.audit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.DistinguishedNames;
import org.wbaudit.sd.Sid;

/**
 * What to run to give the sync account the writeback rights it lacks: for each container whose
 * users lack a right that an inherited grant would give them (inheritance on, nothing denying
 * it, not AdminSDHolder-protected), the grant on that container for descendant objects of the
 * users' class, as dsacls, as PowerShell and as SDDL; for protected users, what granting on
 * AdminSDHolder would do. Printed, never executed. Memory: one entry per container and class.
 *
 * @param container where to grant
 * @param objectClass the users' class the grant is scoped to (its lDAPDisplayName)
 * @param rights the rights to grant, by report key
 * @param users how many audited users lack one of them there and would get it
 * @param examples the first few of those users
 * @param sddl the ACEs to add, in SDDL (samba-tool dsacl set --sddl takes them as they are)
 * @param dsacls the Windows command; null when the container's DN cannot be quoted safely for
 *     cmd.exe (the note says so)
 * @param powershell the same with the ActiveDirectory module's AD: drive
 * @param note what else to know before running it; null when nothing
 */
public record Remediation(String container, String objectClass, List<String> rights, long users,
    List<String> examples, List<String> sddl, String dsacls, String powershell, String note) {

  public Remediation {
    rights = List.copyOf(rights);
    examples = List.copyOf(examples);
    sddl = List.copyOf(sddl);
  }

  /** Collects users as the audit judges them, and plans the grants at the end. */
  static final class Planner implements UserCheck {
    static final int EXAMPLES = 5;

    private record Key(String container, String objectClass, UUID classGuid, boolean adminSdHolder) {}

    private static final class Group {
      final Set<WritebackRight> rights = EnumSet.noneOf(WritebackRight.class);
      final List<String> examples = new ArrayList<>();
      long users;
    }

    private final Map<Key, Group> groups = new LinkedHashMap<>();
    private final String domainDn;
    private final Sid principal;
    private final String account;
    private final String adminSdHolderNote;

    /**
     * @param principal the sync account's SID (in the SDDL and PowerShell)
     * @param account how dsacls names it: DOMAIN\name or a UPN
     * @param adminSdHolderNote what granting on AdminSDHolder implies (the catalogue's text)
     */
    Planner(String domainDn, Sid principal, String account, String adminSdHolderNote) {
      this.domainDn = domainDn;
      this.principal = principal;
      this.account = account;
      this.adminSdHolderNote = adminSdHolderNote;
    }

    /** Collects the user; emits nothing: the plan is read at the end. */
    @Override
    public void check(UserContext user, Findings findings) {
      UUID classGuid = user.objectClass();
      if (user.descriptor() == null || classGuid == null) {
        return;
      }
      Set<WritebackRight> fixable = EnumSet.noneOf(WritebackRight.class);
      for (WritebackRight r : WritebackRight.PER_USER) {
        // Only "nothing granted it": a deny that decided would still decide before a new grant.
        if ("not-granted".equals(user.right(r).outcome())) {
          fixable.add(r);
        }
      }
      boolean protectedUser = user.isProtected();
      if (fixable.isEmpty() || (user.inheritanceDisabled() && !protectedUser)) {
        return;
      }
      String container = protectedUser ? "CN=AdminSDHolder,CN=System," + domainDn
          : DistinguishedNames.parentOf(user.object().dn());
      if (container == null) {
        return;
      }
      Group g = groups.computeIfAbsent(new Key(container, user.object().structuralClass(), classGuid,
          protectedUser), k -> new Group());
      g.rights.addAll(fixable);
      g.users++;
      if (g.examples.size() < EXAMPLES) {
        g.examples.add(user.object().dn());
      }
    }

    List<Remediation> plan() {
      List<Remediation> out = new ArrayList<>();
      groups.forEach((k, g) -> out.add(remediation(k, g)));
      return out;
    }

    private Remediation remediation(Key k, Group g) {
      List<String> sddl = new ArrayList<>();
      List<String> grants = new ArrayList<>();
      // Every value pasted into a shell is one literal: single quotes for PowerShell, and for
      // cmd.exe double quotes only where nothing inside can escape them.
      StringBuilder ps = new StringBuilder("$path = " + ShellQuoting.powershell("AD:\\" + k.container())
          + "\n$acl = Get-Acl -LiteralPath $path\n"
          + "$sid = [System.Security.Principal.SecurityIdentifier]'" + principal + "'\n");
      // On AdminSDHolder the ACE is explicit: SDProp copies the whole DACL to protected accounts.
      String flags = k.adminSdHolder() ? "" : "CIIO";
      String inheritance = k.adminSdHolder() ? "None" : "Descendents";
      String scope = k.adminSdHolder() ? "" : ";" + k.classGuid();
      for (WritebackRight r : g.rights) {
        sddl.add("(OA;" + flags + ";" + r.sddlRights() + ";" + r.guid()
            + (k.adminSdHolder() ? ";" : scope) + ";" + principal + ")");
        grants.add(ShellQuoting.cmd(account + ":" + r.dsaclsGrant()
            + (k.adminSdHolder() ? "" : ";" + k.objectClass())));
        ps.append("$acl.AddAccessRule((New-Object System.DirectoryServices.ActiveDirectoryAccessRule(")
            .append("$sid, '").append(r.powershellRights())
            .append("', 'Allow', [guid]'").append(r.guid()).append("', '").append(inheritance)
            .append(k.adminSdHolder() ? "'" : "', [guid]'" + k.classGuid() + "'").append(")))\n");
      }
      ps.append("Set-Acl -LiteralPath $path -AclObject $acl");
      String container = ShellQuoting.cmd(k.container());
      boolean cmdSafe = container != null && !grants.contains(null);
      String dsacls = !cmdSafe ? null : "dsacls " + container + (k.adminSdHolder() ? "" : " /I:S")
          + " /G " + String.join(" ", grants);
      String note = k.adminSdHolder()
          ? adminSdHolderNote
          : "Grants on descendant " + k.objectClass() + " objects of this container; the DC stamps"
              + " them on existing users in the background.";
      if (!cmdSafe) {
        note = note + " " + ShellQuoting.whyNotCmd(k.container());
      }
      List<String> keys = g.rights.stream().map(WritebackRight::key).toList();
      return new Remediation(k.container(), k.objectClass(), keys, g.users, g.examples, sddl, dsacls,
          ps.toString(), note);
    }
  }
}
