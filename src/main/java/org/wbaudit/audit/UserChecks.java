package org.wbaudit.audit;

import java.util.List;

/**
 * The one place the per-user checks are listed, in the order their findings appear for a user.
 * A new per-user rule is a catalogue entry, a {@link UserCheck} class and a line here.
 */
final class UserChecks {
  private UserChecks() {}

  /** The checks for the users of one domain; some keep per-domain caches, so one list per domain. */
  static List<UserCheck> forDomain(DomainContext ctx) {
    return List.of(
        new DescriptorCheck(),
        new ResetPasswordCheck(),
        new SupportingRightsCheck(),
        new AdminCountCheck(),
        new InheritanceCheck(),
        new AccountStateCheck(),
        new SamReadCheck(),
        new DnCharactersCheck(),
        new PasswordNeverExpiresCheck(),
        new PropagationCheck(ctx.evaluator(), ctx.domain().domainSid()));
  }
}
