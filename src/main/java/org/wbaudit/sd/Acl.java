package org.wbaudit.sd;

import java.util.List;

/**
 * An access control list (MS-DTYP 2.4.5): a revision and ACEs in stored order.
 *
 * <p>Order matters: the access check walks ACEs as stored, so nothing here sorts them.
 *
 * @param revision 2 (ACL_REVISION) or 4 (ACL_REVISION_DS, needed once an object ACE is present)
 * @param aces never null; copied
 */
public record Acl(int revision, List<Ace> aces) {
  public static final int REVISION = 2;
  public static final int REVISION_DS = 4;

  public Acl {
    if (revision < 0 || revision > 0xFF) {
      throw new IllegalArgumentException("ACL revision is one byte: " + revision);
    }
    aces = List.copyOf(aces);
    if (aces.size() > 0xFFFF) {
      throw new IllegalArgumentException("an ACL holds at most 65535 ACEs");
    }
  }

  /** An ACL whose revision is the one its ACEs need: 4 if any is an object ACE, else 2. */
  public static Acl of(List<Ace> aces) {
    boolean object = aces.stream().anyMatch(a -> a instanceof ObjectAce);
    return new Acl(object ? REVISION_DS : REVISION, aces);
  }

  public int byteLength() {
    int n = 8;
    for (Ace a : aces) {
      n += a.byteLength();
    }
    return n;
  }

  public int size() {
    return aces.size();
  }

  public Ace get(int i) {
    return aces.get(i);
  }
}
