package org.wbaudit.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The paged search (RFC 2696) on one connection, asynchronous: while one page is handled the
 * server already produces the next, so the DC is never idle waiting for wbaudit, and at most two
 * pages are in memory whatever the number of entries.
 */
final class PagedSearch {
  /** Asking for owner, group and DACL is what lets a non-admin account read descriptors. */
  static final Control SD_FLAGS = new SdFlagsControl(SdFlagsControl.OWNER_GROUP_DACL, false);

  private PagedSearch() {}

  /** Handles one entry of a paged search. */
  public interface EntryHandler {
    void handle(SearchResultEntry entry) throws DirectoryException;
  }

  /** Handles one whole page of a paged search. */
  interface PageHandler {
    void handle(List<SearchResultEntry> page) throws DirectoryException;
  }

  /** One search of a search split into parts: a base and how deep under it. */
  public record SearchPart(String base, SearchScope scope) {}

  /** Runs one part's paged search on one connection; what {@link SplitSearch} calls. */
  interface PartSearch {
    long run(LDAPConnection c, SearchPart part, PageHandler pages) throws DirectoryException;
  }

  /**
   * One part's paged search on {@code c}: pages go to {@code handler} as they arrive, the next
   * requested before this one is handled.
   *
   * @return how many entries were handled
   */
  static long pages(LDAPConnection c, SearchPart part, Filter filter, int pageSize,
      boolean withDescriptor, PageHandler handler, String[] attributes, ConnectionHealth health)
      throws DirectoryException {
    return pages(c, part, filter, pageSize, withDescriptor ? new Control[] {SD_FLAGS} : new Control[0],
        handler, attributes, health);
  }

  /** The same, with these controls on every page's request besides paging. */
  static long pages(LDAPConnection c, SearchPart part, Filter filter, int pageSize,
      Control[] controls, PageHandler handler, String[] attributes, ConnectionHealth health)
      throws DirectoryException {
    String what = "a search under " + part.base();
    long handled = 0;
    health.check(what);
    PageFetch current = fetch(c, part, filter, pageSize, controls, null, attributes, what, 0,
        health);
    while (current != null) {
      SearchResult result = current.await(what, handled, health);
      ASN1OctetString cookie;
      try {
        SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
        cookie = paged == null ? null : paged.getCookie();
      } catch (LDAPException e) {
        throw Entries.readFailure("the paging cookie of " + what, e);
      }
      PageFetch next = cookie != null && cookie.getValueLength() > 0
          ? fetch(c, part, filter, pageSize, controls, cookie, attributes, what,
              handled + current.entries.size(), health)
          : null;
      try {
        if (!current.entries.isEmpty()) {
          handler.handle(current.entries);
        }
        handled += current.entries.size();
      } catch (DirectoryException | RuntimeException e) {
        if (next != null) {
          abandon(c, next);
        }
        throw e;
      }
      current = next;
    }
    return handled;
  }

  private static PageFetch fetch(LDAPConnection c, SearchPart part, Filter filter, int pageSize,
      Control[] controls, ASN1OctetString cookie, String[] attributes, String what,
      long before, ConnectionHealth health) throws DirectoryException {
    PageFetch page = new PageFetch();
    health.waiting(page);
    SearchRequest r = new SearchRequest(page, part.base(), part.scope(), filter, attributes);
    r.addControl(new SimplePagedResultsControl(pageSize, cookie, false));
    r.addControls(controls);
    try {
      page.id = c.asyncSearch(r);
    } catch (LDAPException e) {
      health.done(page);
      health.failed(e, what);
      throw Entries.readFailure(what + " after " + before + " entries", e);
    }
    return page;
  }

  private static void abandon(LDAPConnection c, PageFetch page) {
    try {
      c.abandon(page.id);
    } catch (LDAPException ignored) {
      // The search failed anyway; the abandon is a courtesy to the server.
    }
  }

  /** One page arriving: entries are collected by the SDK's reader thread. */
  private static final class PageFetch implements AsyncSearchResultListener, ConnectionHealth.Waiting {
    private static final long serialVersionUID = 1L;
    final List<SearchResultEntry> entries = new ArrayList<>();
    private final CompletableFuture<SearchResult> done = new CompletableFuture<>();
    AsyncRequestID id;

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      entries.add(entry);
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
      // Referrals lead to other servers; a domain's users are all here.
    }

    @Override
    public void searchResultReceived(AsyncRequestID requestId, SearchResult result) {
      done.complete(result);
    }

    /** The connection went: the page ends now, not when the response timeout fires. */
    @Override
    public void fail(String why) {
      done.completeExceptionally(new java.io.IOException(why));
    }

    /** The page's final result; its entries are then safe to read on this thread. */
    SearchResult await(String what, long before, ConnectionHealth health) throws DirectoryException {
      SearchResult r;
      try {
        r = done.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DirectoryException(DirectoryException.Kind.READ, what + " was interrupted", null, e);
      } catch (ExecutionException e) {
        throw new DirectoryException(DirectoryException.Kind.READ, "reading " + what + " after "
            + before + " entries failed: " + e.getCause().getMessage(), null, e);
      } finally {
        health.done(this);
      }
      if (r.getResultCode() != ResultCode.SUCCESS) {
        LDAPException failure = new LDAPException(r.getResultCode(), r.getDiagnosticMessage());
        health.failed(failure, what);
        throw Entries.readFailure(what + " after " + before + " entries", failure);
      }
      return r;
    }
  }
}
