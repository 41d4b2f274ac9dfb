/** Words for roles, products and people, in the page's language. */
import type { Label, Role } from '../../api/types.js';
import type { MessageKey } from '../../i18n/fr.js';
import type { Lang } from '../../i18n/lang.js';

export const ROLES: readonly Role[] = ['admin', 'user_manager', 'member'];

export const ROLE_KEYS: Record<Role, MessageKey> = {
  admin: 'role.admin',
  user_manager: 'role.user_manager',
  member: 'role.member',
};

export function isRole(value: unknown): value is Role {
  return value === 'admin' || value === 'user_manager' || value === 'member';
}

/** A catalogue label in the page's language (the other one if it is missing). */
export function labelIn(label: Label | undefined, lang: Lang): string {
  if (!label) return '';
  return label[lang] || label.fr || label.en;
}

/** "Alice, Bob ou Chloé" / "Alice, Bob, or Chloé": whom to ask, any one of them will do. */
export function anyOf(lang: Lang, names: string[]): string {
  return new Intl.ListFormat(lang, { type: 'disjunction' }).format(names);
}

/** "Alice, Bob et Chloé" / "Alice, Bob, and Chloé". */
export function allOf(lang: Lang, names: string[]): string {
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(names);
}
