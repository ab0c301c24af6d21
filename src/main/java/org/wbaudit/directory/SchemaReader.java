package org.wbaudit.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wbaudit.sd.Guids;

/** The forest's schema and extended rights: names for GUIDs, and which attributes exist. */
public final class SchemaReader {
  private final DirectorySession session;

  public SchemaReader(DirectorySession session) {
    this.session = session;
  }

  /** Does this forest's schema define the attribute (mailNickname needs Exchange's schema)? */
  public boolean schemaHasAttribute(String ldapName) throws DirectoryException {
    String schema = session.rootDse().schemaNamingContext();
    if (schema == null) {
      return false;
    }
    List<SearchResultEntry> found = new ArrayList<>();
    session.pagedSearch(schema, SearchScope.ONE, Filter.createANDFilter(
        Filter.createEqualityFilter("objectClass", "attributeSchema"),
        Filter.createEqualityFilter("lDAPDisplayName", ldapName)), 10, false, found::add, "1.1");
    return !found.isEmpty();
  }

  /**
   * Names of attributes, classes, extended rights and property sets of this forest, looked up
   * in the schema and the Extended-Rights container as they are needed. A failed lookup leaves
   * the GUID as it is: names are a courtesy, verdicts never depend on them.
   */
  public SchemaNames schemaNames() {
    String schema = session.rootDse().schemaNamingContext();
    String config = session.rootDse().configurationNamingContext();
    return new SchemaNames(guid -> {
      Optional<String> n = schema == null ? Optional.empty()
          : first(schema, Filter.createEqualityFilter("schemaIDGUID", Guids.toBytes(guid)), "lDAPDisplayName");
      if (n.isEmpty() && config != null) {
        n = first("CN=Extended-Rights," + config,
            Filter.createEqualityFilter("rightsGuid", guid.toString()), "displayName");
      }
      return n;
    }, name -> {
      if (schema == null) {
        return Optional.empty();
      }
      Filter f = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "classSchema"),
          Filter.createEqualityFilter("lDAPDisplayName", name));
      List<SearchResultEntry> found = new ArrayList<>();
      try {
        session.pagedSearch(schema, SearchScope.ONE, f, 10, false, found::add, "schemaIDGUID");
      } catch (DirectoryException e) {
        return Optional.empty();
      }
      byte[] g = found.isEmpty() ? null : found.get(0).getAttributeValueBytes("schemaIDGUID");
      return g != null && g.length == 16 ? Optional.of(Guids.fromBytes(g)) : Optional.empty();
    });
  }

  private Optional<String> first(String base, Filter filter, String attribute) {
    List<SearchResultEntry> found = new ArrayList<>();
    try {
      session.pagedSearch(base, SearchScope.ONE, filter, 10, false, found::add, attribute);
    } catch (DirectoryException e) {
      return Optional.empty();
    }
    return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(0).getAttributeValue(attribute));
  }
}
