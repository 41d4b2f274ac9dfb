/**
 * The product catalogue: the vendor's products and their tabs, from a JSON file loaded and validated
 * once at start-up (PORTIER_PRODUCTS_FILE; default config/products.json: a channel manager and a
 * front desk).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');
const label = z.object({ fr: z.string().min(1).max(80), en: z.string().min(1).max(80) });

const catalogueSchema = z
  .array(
    z.object({
      id: slug,
      name: label,
      tabs: z
        .array(z.object({ id: slug, name: label }))
        .min(1)
        .max(50),
    }),
  )
  .min(1)
  .max(50)
  .superRefine((products, ctx) => {
    const ids = new Set<string>();
    for (const p of products) {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', message: `duplicate product ${p.id}` });
      ids.add(p.id);
      const tabs = new Set<string>();
      for (const t of p.tabs) {
        if (tabs.has(t.id)) ctx.addIssue({ code: 'custom', message: `duplicate tab ${p.id}/${t.id}` });
        tabs.add(t.id);
      }
    }
  });

export type Catalogue = z.output<typeof catalogueSchema>;
export type Product = Catalogue[number];

export const DEFAULT_PRODUCTS_FILE = new URL('../../config/products.json', import.meta.url);

export function loadCatalogue(file: string | URL = DEFAULT_PRODUCTS_FILE): Catalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`PORTIER_PRODUCTS_FILE: cannot read ${String(file)} (${(error as Error).message})`);
  }
  const parsed = catalogueSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `PORTIER_PRODUCTS_FILE: ${String(file)} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export function findTab(catalogue: Catalogue, product: string, tab: string) {
  const p = catalogue.find((x) => x.id === product);
  return { product: p, tab: p?.tabs.find((t) => t.id === tab) };
}
