package org.wbaudit.sd;

/**
 * An SDDL string that cannot be read, or a descriptor that SDDL cannot express.
 *
 * <p>For reading, {@link #position()} is the character index where the problem starts; for
 * writing it is -1.
 */
public final class SddlException extends Exception {
  private final int position;

  public SddlException(int position, String message) {
    super(position >= 0 ? "at character " + position + ": " + message : message);
    this.position = position;
  }

  /** Character index in the SDDL text where reading failed, or -1 when writing failed. */
  public int position() {
    return position;
  }
}
