export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}

/**
 * Picks fr or en from an `Accept-Language` header, honouring q-values; English when neither is asked for.
 */
export function negotiateLanguage(
  header: string | string[] | undefined,
  fallback: Language = 'en',
): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value || value.length > 1000) return fallback;
  let best: { lang: Language; q: number } | undefined;
  for (const part of value.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const base = tag.trim().toLowerCase().split('-')[0];
    if (!isLanguage(base)) continue;
    let q = 1;
    for (const param of params) {
      const [k, v] = param.trim().split('=');
      if (k?.trim().toLowerCase() === 'q') q = Number(v);
    }
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: base, q };
  }
  return best?.lang ?? fallback;
}
