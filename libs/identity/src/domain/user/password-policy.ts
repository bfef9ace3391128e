import { ApplicationError, IdentityErrorCode } from '#contracts';

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing cannot be used to exhaust the service. */
export const MAX_PASSWORD_LENGTH = 256;

const CHARACTER_CLASSES: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** What is wrong with a password under the policy; empty when it is acceptable. */
export function passwordPolicyProblems(password: unknown): string[] {
  if (typeof password !== 'string') return ['must be a string'];
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  const classes = CHARACTER_CLASSES.filter((characterClass) => characterClass.test(password)).length;
  if (classes < 2) problems.push('must mix at least two of: lower-case letters, upper-case letters, digits, symbols');
  return problems;
}

/** Throws WEAK_PASSWORD, listing every rule the password breaks, unless it meets the policy. */
export function assertPasswordPolicy(password: unknown, field = 'password'): asserts password is string {
  const problems = passwordPolicyProblems(password);
  if (problems.length > 0) {
    throw new ApplicationError(IdentityErrorCode.WEAK_PASSWORD, `The password is too weak: it ${problems.join(', and it ')}`, [
      { field, messages: problems },
    ]);
  }
}
