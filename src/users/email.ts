/** E-mail addresses are trimmed and compared case-insensitively (SPEC §2). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
