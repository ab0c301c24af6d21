package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Fine-grained password policies: the Password Settings Objects of a domain. */
public final class PasswordPolicies {
  /**
   * One Password Settings Object, as far as a reset is concerned.
   *
   * @param maxAge null when passwords never expire under it
   * @param appliesTo the users and groups it is linked to (msDS-PSOAppliesTo)
   */
  public record Pso(String dn, int precedence, Duration minAge, Duration maxAge, int historyLength,
      int minLength, boolean complexity, List<String> appliesTo) {
    public Pso {
      appliesTo = List.copyOf(appliesTo);
    }
  }

  private static final String[] ATTRIBUTES = {"msDS-PasswordSettingsPrecedence",
    "msDS-MinimumPasswordAge", "msDS-MaximumPasswordAge", "msDS-PasswordHistoryLength",
    "msDS-MinimumPasswordLength", "msDS-PasswordComplexityEnabled", "msDS-PSOAppliesTo"};

  private final DirectorySession session;
  private final String domainDn;

  public PasswordPolicies(DirectorySession session) {
    this.session = session;
    this.domainDn = session.rootDse().defaultNamingContext();
  }

  /** One PSO by DN; null when it cannot be read. */
  public Pso read(String dn) throws DirectoryException {
    SearchResultEntry e = session.readEntry(dn, ATTRIBUTES);
    return e == null ? null : pso(e);
  }

  /** The Password Settings Container's DN. */
  public String container() {
    return "CN=Password Settings Container,CN=System," + domainDn;
  }

  /**
   * The container's descriptor as the reading account sees it; null when it cannot. A listing of
   * the container can look empty because of its DACL rather than because it is empty: callers
   * decide from this descriptor whether a listing can be trusted.
   */
  public byte[] containerDescriptor() throws DirectoryException {
    SearchResultEntry c = session.readEntry(container(), "nTSecurityDescriptor");
    return c == null ? null : c.getAttributeValueBytes("nTSecurityDescriptor");
  }

  /** Every PSO of the Password Settings Container the reading account can list. */
  public List<Pso> all() throws DirectoryException {
    List<Pso> out = new ArrayList<>();
    session.pagedSearch(container(), SearchScope.ONE,
        Filter.createEqualityFilter("objectClass", "msDS-PasswordSettings"), 200, false,
        e -> out.add(pso(e)), ATTRIBUTES);
    return out;
  }

  private static Pso pso(SearchResultEntry e) {
    String[] applies = e.getAttributeValues("msDS-PSOAppliesTo");
    Duration min = Interval.of(Entries.longOr(e, "msDS-MinimumPasswordAge", 0));
    return new Pso(e.getDN(), Entries.intOr(e, "msDS-PasswordSettingsPrecedence", Integer.MAX_VALUE),
        min == null ? Duration.ZERO : min, Interval.of(Entries.longOr(e, "msDS-MaximumPasswordAge", 0)),
        Entries.intOr(e, "msDS-PasswordHistoryLength", 0), Entries.intOr(e, "msDS-MinimumPasswordLength", 0),
        "TRUE".equalsIgnoreCase(e.getAttributeValue("msDS-PasswordComplexityEnabled")),
        applies == null ? List.of() : List.of(applies));
  }
}
