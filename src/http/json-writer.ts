/**
 * A JSON writer compiled from a zod response schema, for the hottest route (GET /api/v1/session):
 * one pass that checks each value against its declared type and writes only the declared fields,
 * instead of a zod encode (a copy of the object) followed by JSON.stringify. It understands plain
 * objects, strings, numbers, booleans, enums, literals, arrays, nullable and optional; any other
 * schema (records, refinements, transforms…) is left to the zod serializer.
 *
 * Frozen objects and arrays are written once: their text is remembered (by identity, in a WeakMap)
 * when everything under them is frozen too, so a value shared between requests — a person's
 * memberships as the read cache holds them — costs a lookup, not a rewrite. A frozen value cannot
 * change, so the text stays exact; anything not frozen is written afresh every time.
 *
 * (fast-json-stringify does the same, but brings Ajv: 15 MB more resident memory for one route.)
 */
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';

interface Write {
  (value: unknown, path: string): string;
  /** Whether this value's text is remembered (frozen, all the way down): a parent may remember it too. */
  remembered?: (value: unknown) => boolean;
}

/** Characters a JSON string must escape, and lone surrogates (JSON.stringify writes them as \\u). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string literal: most values need no escaping, and skip JSON.stringify's runtime call. */
const quote = (s: string) => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

interface ZodDef {
  type: string;
  checks?: unknown[];
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  element?: { _zod: { def: ZodDef } };
  innerType?: { _zod: { def: ZodDef } };
  entries?: Record<string, string | number>;
  values?: unknown[];
}

const defOf = (schema: unknown): ZodDef | undefined => (schema as { _zod?: { def?: ZodDef } })?._zod?.def;

export class ResponseShapeError extends Error {}

function fail(path: string, expected: string): never {
  throw new ResponseShapeError(`response field ${path || '(root)'}: expected ${expected}`);
}

/** Primitives are always stable; objects and arrays when their writer remembered them. */
function isRemembered(write: Write, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return write.remembered?.(value) ?? false;
}

/**
 * An object or array writer that remembers the text of frozen values whose children are all
 * remembered (or primitive): frozen all the way down, so the text can never go stale.
 */
function remembering(write: (value: unknown, path: string) => { text: string; stable: boolean }): Write {
  const texts = new WeakMap<object, string>();
  const outer: Write = (v, p) => {
    const frozen = typeof v === 'object' && v !== null && Object.isFrozen(v);
    if (frozen) {
      const known = texts.get(v);
      if (known !== undefined) return known;
    }
    const { text, stable } = write(v, p);
    if (frozen && stable) texts.set(v as object, text);
    return text;
  };
  outer.remembered = (v) => typeof v === 'object' && v !== null && texts.has(v);
  return outer;
}

/** The writer for a schema, or null when the schema uses anything this writer does not handle. */
export function compileJsonWriter(schema: unknown): ((value: unknown) => string) | null {
  const write = compile(defOf(schema));
  return write ? (value) => write(value, '') : null;
}

function compile(def: ZodDef | undefined): Write | null {
  if (!def || (def.checks && def.checks.length > 0)) return null;
  switch (def.type) {
    case 'string':
      return (v, p) => (typeof v === 'string' ? quote(v) : fail(p, 'a string'));
    case 'number':
      return (v, p) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : fail(p, 'a finite number'));
    case 'boolean':
      return (v, p) => (v === true ? 'true' : v === false ? 'false' : fail(p, 'a boolean'));
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return (v, p) =>
        allowed.has(v as string | number)
          ? typeof v === 'string'
            ? quote(v)
            : String(v)
          : fail(p, `one of ${[...allowed].join(', ')}`);
    }
    case 'literal': {
      const allowed = new Set(def.values ?? []);
      return (v, p) => (allowed.has(v) ? JSON.stringify(v) : fail(p, 'the literal value'));
    }
    case 'nullable': {
      const inner = compile(defOf(def.innerType));
      if (!inner) return null;
      const write: Write = (v, p) => (v === null ? 'null' : inner(v, p));
      write.remembered = (v) => v === null || isRemembered(inner, v);
      return write;
    }
    case 'array': {
      const element = compile(defOf(def.element));
      if (!element) return null;
      return remembering((v, p) => {
        if (!Array.isArray(v)) return fail(p, 'an array');
        let out = '[';
        let stable = true;
        for (let i = 0; i < v.length; i++) {
          out += (i ? ',' : '') + element(v[i], `${p}[${i}]`);
          if (stable) stable = isRemembered(element, v[i]);
        }
        return { text: `${out}]`, stable };
      });
    }
    case 'object': {
      const fields: Array<{ key: string; prefix: string; optional: boolean; write: Write }> = [];
      for (const [key, child] of Object.entries(def.shape ?? {})) {
        let childDef: ZodDef | undefined = child._zod.def;
        const optional = childDef.type === 'optional';
        if (optional) childDef = defOf(childDef.innerType);
        const write = compile(childDef);
        if (!write) return null;
        fields.push({ key, prefix: `${JSON.stringify(key)}:`, optional, write });
      }
      return remembering((v, p) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object');
        const record = v as Record<string, unknown>;
        let out = '{';
        let first = true;
        let stable = true;
        for (const field of fields) {
          const value = record[field.key];
          if (value === undefined) {
            if (field.optional) continue;
            fail(p ? `${p}.${field.key}` : field.key, 'a value');
          }
          out += (first ? '' : ',') + field.prefix + field.write(value, p ? `${p}.${field.key}` : field.key);
          if (stable) stable = isRemembered(field.write, value);
          first = false;
        }
        return { text: `${out}}`, stable };
      });
    }
    default:
      return null;
  }
}

/**
 * Route-level serializerCompiler: the compiled writer where the schema allows, else the zod one.
 * A shape error is a bug of ours and answers 500, as the zod serializer's would.
 */
export function fastResponseSerializer(route: { schema: unknown; method: string; url: string }) {
  const write = compileJsonWriter(route.schema);
  if (write) return write;
  return zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
}
