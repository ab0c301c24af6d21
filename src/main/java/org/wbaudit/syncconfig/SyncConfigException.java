package org.wbaudit.syncconfig;

/**
 * A sync engine's exported configuration that cannot be used: what is wrong, and where (the file,
 * and the element or line). Nothing of a configuration that failed to read is used.
 */
public final class SyncConfigException extends RuntimeException {
  private final String where;

  public SyncConfigException(String where, String problem) {
    super(where + ": " + problem);
    this.where = where;
  }

  /** The file, and the element or line, that is wrong. */
  public String where() {
    return where;
  }
}
