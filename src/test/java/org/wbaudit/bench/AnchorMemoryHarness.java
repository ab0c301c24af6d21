package org.wbaudit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.wbaudit.audit.AnchorAttribute;
import org.wbaudit.audit.AnchorIndex;

/**
 * How much heap the anchor index needs for N synthetic users (BENCHMARKS.md): each user holds a
 * UPN, a mail, two SMTP proxy addresses and a consistency GUID, as two forests of N/2; one user
 * in a thousand shares its mail with a user of the other forest. Run by scripts/bench-anchors
 * under a small -Xmx, so the figure is also a proof that the index fits in it.
 */
public final class AnchorMemoryHarness {
  private AnchorMemoryHarness() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    long started = System.nanoTime();
    try (AnchorIndex index = new AnchorIndex()) {
      for (int i = 0; i < n; i++) {
        String forest = i % 2 == 0 ? "corp" : "fabrikam";
        String dn = "CN=user" + i + ",OU=Team" + (i % 50) + ",OU=People,DC=" + forest + ",DC=example";
        String mail = (i % 1000 == 1 ? "user" + (i - 1) : "user" + i) + "@example.com";
        boolean enabled = i % 7 != 0;
        index.add(forest, dn, enabled, AnchorAttribute.USER_PRINCIPAL_NAME, Set.of("user" + i + "@" + forest + ".example"));
        index.add(forest, dn, enabled, AnchorAttribute.MAIL, Set.of(mail));
        Set<String> proxies = new LinkedHashSet<>();
        proxies.add(mail);
        proxies.add("u" + i + "@alias.example.com");
        index.add(forest, dn, enabled, AnchorAttribute.PROXY_ADDRESSES, proxies);
        index.add(forest, dn, enabled, AnchorAttribute.CONSISTENCY_GUID,
            Set.of(new UUID(i, forest.hashCode()).toString()));
      }
      long added = System.nanoTime();
      System.gc();
      long after = memory.getHeapMemoryUsage().getUsed();
      int duplicates = index.duplicates().size();
      long done = System.nanoTime();
      System.out.printf("users %,d; holders %,d; distinct values %,d%n", n, index.holders(),
          index.distinctValues());
      System.out.printf("heap held by the index after GC: %.1f MiB (%.1f bytes per distinct value)%n",
          (after - before) / 1048576.0, (after - before) / (double) index.distinctValues());
      System.out.printf("adding: %.1f s; finding duplicates: %.1f s (%,d found); max heap %d MiB%n",
          (added - started) / 1e9, (done - added) / 1e9, duplicates,
          Runtime.getRuntime().maxMemory() / 1048576);
    }
  }
}
