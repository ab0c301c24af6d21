package org.wbaudit.sd;

/**
 * A binary security descriptor (MS-DTYP 2.4.6, self-relative form) that cannot be read.
 *
 * <p>Carries the byte offset at which reading failed so that a message can say exactly where the
 * input went wrong, and what was expected there.
 */
public final class MalformedDescriptorException extends Exception {
  private final int offset;
  private final String detail;

  /**
   * @param offset byte offset, from the start of the descriptor, where the problem was found
   * @param message what was expected and what was found; never null
   */
  public MalformedDescriptorException(int offset, String message) {
    super("at byte " + offset + ": " + message);
    this.offset = offset;
    this.detail = message;
  }

  /** What was wrong, without the offset. */
  public String detail() {
    return detail;
  }

  /** Byte offset, from the start of the descriptor, where reading failed. */
  public int offset() {
    return offset;
  }
}
