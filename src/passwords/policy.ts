/**
 * The password rules, one module for every path that sets a password (SPEC §2): 12 to 128 characters.
 * Returns the reasons a password is refused, as stable codes the pages translate.
 */
export type PasswordProblem = 'too_short' | 'too_long';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 12, maxLength: 128 };

export function checkPassword(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length; // code points, so an accented letter counts once
  if (length < policy.minLength) problems.push('too_short');
  if (length > policy.maxLength) problems.push('too_long');
  return problems;
}
