package org.wbaudit.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.wbaudit.access.WritebackRight;
import org.wbaudit.directory.DirectoryObject;
import org.wbaudit.sd.SecurityDescriptor;

/**
 * One user as the per-user checks receive it: what the directory returned, its structural
 * class, its parsed descriptor and a verdict per writeback right, and its ancestors on demand.
 * Built once per user by {@link DomainContext#judge}; checks only read it.
 */
public final class UserContext {
  private final DirectoryObject object;
  private final UUID objectClass;
  private final SecurityDescriptor descriptor;
  private final DescriptorStatus status;
  private final String problem;
  private final Map<WritebackRight, RightVerdict> rights;
  private final PropagationCheck.Ancestors ancestors;
  private final List<String> protectedBy;
  private final boolean protectionKnown;

  /**
   * @param objectClass schemaIDGUID of the structural class; null when the schema cannot say
   * @param descriptor null unless {@code status} is READ
   * @param problem why the descriptor cannot be used; null when it can
   * @param rights a verdict for every right of {@link WritebackRight#EVALUATED}
   * @param protectedBy the path to the protected group that makes SDProp protect it; null when
   *     none (or unknown)
   * @param protectionKnown whether protected-group membership could be read
   */
  UserContext(DirectoryObject object, UUID objectClass, SecurityDescriptor descriptor,
      DescriptorStatus status, String problem, Map<WritebackRight, RightVerdict> rights,
      PropagationCheck.Ancestors ancestors, List<String> protectedBy, boolean protectionKnown) {
    this.protectedBy = protectedBy == null ? null : List.copyOf(protectedBy);
    this.protectionKnown = protectionKnown;
    this.object = object;
    this.objectClass = objectClass;
    this.descriptor = descriptor;
    this.status = status;
    this.problem = problem;
    this.rights = rights; // shared per distinct descriptor, already unmodifiable (Verdicts)
    this.ancestors = ancestors;
  }

  public DirectoryObject object() {
    return object;
  }

  public String dn() {
    return object.dn();
  }

  /** The structural class's schemaIDGUID; null when unknown. */
  public UUID objectClass() {
    return objectClass;
  }

  /** The parsed descriptor; null when unreadable or malformed. */
  public SecurityDescriptor descriptor() {
    return descriptor;
  }

  public DescriptorStatus status() {
    return status;
  }

  /** Why the descriptor cannot be used; null when it can. */
  public String problem() {
    return problem;
  }

  public RightVerdict right(WritebackRight r) {
    return rights.get(r);
  }

  public Map<WritebackRight, RightVerdict> rights() {
    return rights;
  }

  public boolean inheritanceDisabled() {
    return descriptor != null && descriptor.isDaclProtected();
  }

  public boolean adminCount() {
    return object.adminCount() == 1;
  }

  /** The user's ancestors, nearest first, up to the domain head; read on first use, cached per domain. */
  public List<PropagationCheck.Ancestor> ancestors() {
    return ancestors.of(object.dn());
  }

  /** The path to the protected group SDProp protects it for; null when it is not protected. */
  public List<String> protectedBy() {
    return protectedBy;
  }

  /** Whether protected-group membership could be read (else only adminCount is known). */
  public boolean protectionKnown() {
    return protectionKnown;
  }

  /**
   * Whether SDProp rewrites its DACL: in a protected group now, or, when membership cannot be
   * read, adminCount set.
   */
  public boolean isProtected() {
    return protectionKnown ? protectedBy != null : adminCount();
  }

  /** The verdicts keyed as reports name the rights, in report order. */
  Map<String, RightVerdict> rightsByKey() {
    Map<String, RightVerdict> out = new java.util.LinkedHashMap<>();
    for (WritebackRight r : WritebackRight.PER_USER) {
      out.put(r.key(), rights.get(r));
    }
    return out;
  }
}
