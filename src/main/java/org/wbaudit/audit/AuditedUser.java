package org.wbaudit.audit;

import java.util.Map;
import org.wbaudit.directory.DirectoryObject;
import org.wbaudit.sd.SecurityDescriptor;

/**
 * A user with everything the checks need: what the directory returned, the parsed descriptor,
 * and the verdict for each writeback right.
 *
 * @param descriptor null when unreadable or malformed
 * @param descriptorProblem null when the descriptor was read and parsed; else why not
 * @param descriptorStatus "read", "unreadable" or "malformed"
 */
public record AuditedUser(
    DirectoryObject object,
    SecurityDescriptor descriptor,
    String descriptorStatus,
    String descriptorProblem,
    Map<String, RightVerdict> rights) {

  public boolean inheritanceDisabled() {
    return descriptor != null && descriptor.isDaclProtected();
  }
}
