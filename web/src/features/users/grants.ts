/**
 * Grants as the matrix handles them: a set of "product/tab" keys, `*` standing for the whole
 * product. Same rule as the server: a grant is held when the exact tab or the whole product is.
 */
import type { Grant, Product } from '../../api/types.js';

export const WHOLE_PRODUCT = '*';

/** What the manager holds: everything (admins) or these grants. */
export type Held = 'all' | Grant[];

export function grantKey(product: string, tab: string): string {
  return `${product}/${tab}`;
}

export function holdsGrant(held: Held, product: string, tab: string): boolean {
  if (held === 'all') return true;
  return held.some((g) => g.product === product && (g.tab === WHOLE_PRODUCT || g.tab === tab));
}

export function toKeys(grants: readonly Grant[]): Set<string> {
  return new Set(grants.map((g) => grantKey(g.product, g.tab)));
}

/**
 * The grants to send, in catalogue order: a whole product absorbs its tabs (the server keeps the
 * set minimal the same way). Keys outside the catalogue are kept as they are.
 */
export function fromKeys(keys: ReadonlySet<string>, products: readonly Product[]): Grant[] {
  const grants: Grant[] = [];
  const known = new Set<string>();
  for (const product of products) {
    const whole = grantKey(product.id, WHOLE_PRODUCT);
    known.add(whole);
    for (const tab of product.tabs) known.add(grantKey(product.id, tab.id));
    if (keys.has(whole)) {
      grants.push({ product: product.id, tab: WHOLE_PRODUCT });
      continue;
    }
    for (const tab of product.tabs) {
      if (keys.has(grantKey(product.id, tab.id))) grants.push({ product: product.id, tab: tab.id });
    }
  }
  for (const key of keys) {
    if (known.has(key)) continue;
    const slash = key.indexOf('/');
    grants.push({ product: key.slice(0, slash), tab: key.slice(slash + 1) });
  }
  return grants;
}

export function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  if (a.length !== b.length) return false;
  const keys = toKeys(a);
  return b.every((g) => keys.has(grantKey(g.product, g.tab)));
}
