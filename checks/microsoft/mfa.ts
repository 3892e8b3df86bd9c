import { failed, value } from "../../providers/fact.ts";
import type { DirectoryUser, MfaRegistrations, MfaState } from "../../providers/microsoft/facts.ts";

/**
 * A user's MFA registration; throws (so the user's result is `error`) when it could not be
 * read, or when the registration report does not list the user yet: Microsoft refreshes it
 * a few times a day, and "not listed" is not "not registered".
 */
export function registrationOf(mfa: MfaRegistrations, user: DirectoryUser): MfaState {
  return value(mfa.byUser[user.id] ?? failed({
    operation: mfa.source === "userRegistrationDetails" ? "ListUserRegistrationDetails" : "ListAuthenticationMethods",
    code: "NotInReport",
    message: "the user is not in the MFA registration report yet (Microsoft refreshes it a few times a day)",
  }));
}
