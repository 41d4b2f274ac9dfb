/**
 * A confirmation carried to the next page in its history entry ("Invitation sent to …" on the
 * list after the invite form): the page shows it once, then removes it, so that a reload or
 * coming back later does not show it again. A message key, not a text, so it follows the language.
 */

import type { MessageKey } from '../i18n/fr.js';
import type { MessageParams } from '../i18n/I18nProvider.js';
import { navigate } from '../router.js';

export interface Flash {
  key: MessageKey;
  params?: MessageParams;
}

export function navigateWithFlash(to: string, flash: Flash): void {
  navigate(to, { state: { flash } });
}

export function readFlash(): Flash | null {
  const state: unknown = window.history.state;
  if (typeof state !== 'object' || state === null) return null;
  const flash = (state as { flash?: unknown }).flash;
  if (typeof flash !== 'object' || flash === null) return null;
  const key = (flash as { key?: unknown }).key;
  return typeof key === 'string' ? (flash as Flash) : null;
}

export function clearFlash(): void {
  if (readFlash() === null) return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}
