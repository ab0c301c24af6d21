package org.wbaudit.directory;

import com.unboundid.ldap.sdk.SearchResultEntry;
import java.time.Duration;
import org.wbaudit.sd.Sid;

/**
 * The domain object of one domain (its SID, descriptor and password policy), and single entries
 * of it: whether a DN exists, a container's descriptor. Users, accounts, topology and schema
 * have readers of their own ({@link UserSource}, {@link PrincipalDirectory},
 * {@link TopologyReader}, {@link SchemaReader}).
 */
public final class DomainReader {
  private final DirectorySession session;
  private final String domainDn;

  public DomainReader(DirectorySession session) {
    this.session = session;
    this.domainDn = session.rootDse().defaultNamingContext();
  }

  public String domainDn() {
    return domainDn;
  }

  /** The domain object, with its descriptor and password policy. */
  public DomainInfo domain() throws DirectoryException {
    SearchResultEntry e = session.readEntry(domainDn, "objectSid", "nTSecurityDescriptor",
        "minPwdAge", "pwdHistoryLength", "minPwdLength", "pwdProperties", "lockoutThreshold",
        "maxPwdAge");
    if (e == null) {
      throw new DirectoryException(DirectoryException.Kind.READ,
          "the domain object " + domainDn + " cannot be read", null, null);
    }
    Sid sid = Entries.sid(e, "objectSid");
    if (sid == null) {
      throw new DirectoryException(DirectoryException.Kind.READ,
          "the domain object " + domainDn + " has no readable objectSid", null, null);
    }
    // minPwdAge is a negative count of 100 ns intervals.
    long minAge = Math.abs(Entries.longOr(e, "minPwdAge", 0));
    return new DomainInfo(e.getDN(), sid, e.getAttributeValueBytes("nTSecurityDescriptor"),
        Duration.ofNanos(minAge).multipliedBy(100),
        Entries.intOr(e, "pwdHistoryLength", 0),
        Entries.intOr(e, "minPwdLength", 0),
        Entries.intOr(e, "pwdProperties", 0),
        Entries.intOr(e, "lockoutThreshold", 0),
        Interval.of(Entries.longOr(e, "maxPwdAge", 0)));
  }

  /** A container's nTSecurityDescriptor as the audited account reads it; null when unreadable. */
  public byte[] descriptorOf(String dn) {
    try {
      SearchResultEntry e = session.readEntry(dn, "nTSecurityDescriptor");
      return e == null ? null : e.getAttributeValueBytes("nTSecurityDescriptor");
    } catch (DirectoryException e) {
      // An ancestor that cannot be read ends the walk; nothing is guessed, and the report says
      // the read is missing.
      session.unread("the descriptor of " + dn, e);
      return null;
    }
  }

  /**
   * An entry as the audited account sees it: whether it is visible at all, and its descriptor
   * (null when the account may not read it: the DC returns nTSecurityDescriptor's owner, group and
   * DACL only to those granted READ_CONTROL).
   */
  public record Seen(boolean visible, byte[] descriptor) {}

  /** How the account sees {@code dn}; not visible when it does not exist or cannot be read. */
  public Seen seen(String dn) {
    try {
      SearchResultEntry e = session.readEntry(dn, "objectClass", "nTSecurityDescriptor");
      return e == null ? new Seen(false, null) : new Seen(true, e.getAttributeValueBytes("nTSecurityDescriptor"));
    } catch (DirectoryException e) {
      session.unread("the entry " + dn, e);
      return new Seen(false, null);
    }
  }

  /** Whether an entry exists at {@code dn} (and the account can see it). */
  public boolean exists(String dn) throws DirectoryException {
    return session.readEntry(dn, "1.1") != null;
  }
}
