/**
 * Which language the pages speak: the visitor's own choice, remembered per browser,
 * otherwise the browser's language (French when it starts with "fr", else English).
 */
export type Lang = 'fr' | 'en';

export const LANGS: readonly Lang[] = ['fr', 'en'];

const STORAGE_KEY = 'portier.lang';

function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

/** localStorage throws (SecurityError) when the browser blocks site data, so every access is guarded. */
function readStoredLang(): Lang | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLang(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Site data blocked: the choice simply lasts until the page is closed.
  }
}

export function detectLang(): Lang {
  const stored = readStoredLang();
  if (stored) return stored;
  const browserLang = typeof navigator === 'undefined' ? '' : (navigator.language ?? '');
  return browserLang.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
