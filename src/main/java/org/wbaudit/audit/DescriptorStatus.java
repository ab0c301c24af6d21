package org.wbaudit.audit;

/** Whether a user's nTSecurityDescriptor could be used, as the report names it. */
public enum DescriptorStatus {
  /** Read and parsed: the rights are decided on it. */
  READ("read"),
  /** Not returned: the audited account may not read it. */
  UNREADABLE("unreadable"),
  /** Returned but not a valid self-relative descriptor. */
  MALFORMED("malformed");

  private final String label;

  DescriptorStatus(String label) {
    this.label = label;
  }

  /** The report's word for it. */
  public String label() {
    return label;
  }
}
