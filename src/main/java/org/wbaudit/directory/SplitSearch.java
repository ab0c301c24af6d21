package org.wbaudit.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One search split into parts, read over several connections at once, its entries handled on
 * the calling thread. A DC serves each connection on its own worker; one connection leaves the
 * others idle, however fast the client reads.
 *
 * <p>Each connection has a thread that takes the next unread part and pushes its pages onto a
 * small bounded queue; the caller takes pages off the queue and handles them. When the caller
 * falls behind, the readers wait: memory holds at most two pages per connection in the queue
 * plus the one each reader is filling.
 */
final class SplitSearch {
  private sealed interface Item permits Page, Failed, ReaderDone {}

  private record Page(List<SearchResultEntry> entries) implements Item {}

  private record Failed(DirectoryException error) implements Item {}

  private record ReaderDone() implements Item {}

  private final DirectorySession session;
  private final List<LDAPConnection> connections;
  private final ConcurrentLinkedQueue<PagedSearch.SearchPart> unread;
  private final BlockingQueue<Item> pages;
  private final AtomicBoolean stopped = new AtomicBoolean();

  SplitSearch(DirectorySession session, List<LDAPConnection> connections,
      List<PagedSearch.SearchPart> parts) {
    this.session = session;
    this.connections = connections;
    this.unread = new ConcurrentLinkedQueue<>(parts);
    this.pages = new ArrayBlockingQueue<>(2 * connections.size());
  }

  long run(PagedSearch.PartSearch search, PagedSearch.EntryHandler handler)
      throws DirectoryException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections.size(); i++) {
      LDAPConnection c = connections.get(i);
      Thread t = new Thread(() -> read(c, search), "wbaudit-reader-" + (i + 1) + "@" + session.url());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    long handled = 0;
    int running = threads.size();
    try {
      while (running > 0) {
        Item item = take();
        if (item instanceof Page p) {
          for (SearchResultEntry e : p.entries()) {
            handler.handle(e);
            handled++;
          }
        } else if (item instanceof Failed f) {
          throw f.error();
        } else {
          running--;
        }
      }
      return handled;
    } finally {
      stop(threads);
    }
  }

  private void read(LDAPConnection c, PagedSearch.PartSearch search) {
    try {
      PagedSearch.SearchPart part;
      while (!stopped.get() && (part = unread.poll()) != null) {
        search.run(c, part, page -> {
          if (stopped.get()) {
            throw new DirectoryException(DirectoryException.Kind.READ, "stopped", null, null);
          }
          put(new Page(page));
        });
      }
      put(new ReaderDone());
    } catch (DirectoryException e) {
      if (!stopped.get()) {
        put(new Failed(e));
      }
    } catch (RuntimeException e) {
      if (!stopped.get()) {
        put(new Failed(new DirectoryException(DirectoryException.Kind.READ,
            "reading users failed: " + e, null, e)));
      }
    }
  }

  /** Waits for room; a stopped search drops what its readers still had. */
  private void put(Item item) {
    try {
      while (!stopped.get()) {
        if (pages.offer(item, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Item take() throws DirectoryException {
    try {
      return pages.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DirectoryException(DirectoryException.Kind.READ, "reading users was interrupted",
          null, e);
    }
  }

  /** Ends the readers and waits for them, so no search is still running on the connections. */
  private void stop(List<Thread> threads) {
    stopped.set(true);
    pages.clear();
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
