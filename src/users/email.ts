/**
 * E-mail addresses are trimmed, put in Unicode NFC and compared case-insensitively (SPEC §2): "josé"
 * typed with a combining accent (some keyboards, a copy and paste) is the same address as with "é".
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
