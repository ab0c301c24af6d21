package org.wbaudit.access;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.wbaudit.sd.SecurityDescriptor;

/**
 * The per-user rights decided for one descriptor: the four writeback rights and the SAM reads.
 *
 * @param descriptor the parsed descriptor the decisions were made on
 * @param decisions one decision per right of {@link WritebackRight#EVALUATED}
 */
public record UserRights(SecurityDescriptor descriptor, Map<WritebackRight, Decision> decisions) {
  public UserRights {
    decisions = Collections.unmodifiableMap(new EnumMap<>(decisions));
  }

  public Decision get(WritebackRight right) {
    return decisions.get(right);
  }
}
