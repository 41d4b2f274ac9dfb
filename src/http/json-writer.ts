/**
 * A JSON writer compiled from a zod response schema, for the hottest route (GET /api/v1/session):
 * one pass that checks each value against its declared type and writes only the declared fields,
 * instead of a zod encode (a copy of the object) followed by JSON.stringify. It understands plain
 * objects, strings, numbers, booleans, enums, literals, arrays, nullable and optional; any other
 * schema (records, refinements, transforms…) is left to the zod serializer.
 *
 * Each object schema becomes one generated function that reads its declared keys by name (our own
 * schema's keys, written into the source with JSON.stringify), so the engine sees plain property
 * reads instead of a loop over keys. Field paths for error messages are fixed at compile time.
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
  (value: unknown): string;
  /** Whether this value's text is remembered (frozen, all the way down): a parent may remember it too. */
  remembered?: (value: unknown) => boolean;
}

/** Characters a JSON string must escape, and lone surrogates (JSON.stringify writes them as \\u). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A JSON string literal. Most values need no escaping: short ones are scanned in place, long ones
 * by one regular expression; only those that need it go through JSON.stringify.
 */
function quote(s: string): string {
  if (s.length < 64) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
    }
    return `"${s}"`;
  }
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

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

export class ResponseShapeError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`response field ${field || '(root)'}: expected ${expected}`);
  }
}

function fail(path: string, expected: string): never {
  throw new ResponseShapeError(path, expected);
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
function remembering(write: (value: unknown) => { text: string; stable: boolean }): Write {
  const texts = new WeakMap<object, string>();
  const outer: Write = (v) => {
    const frozen = typeof v === 'object' && v !== null && Object.isFrozen(v);
    if (frozen) {
      const known = texts.get(v);
      if (known !== undefined) return known;
    }
    const { text, stable } = write(v);
    if (frozen && stable) texts.set(v as object, text);
    return text;
  };
  outer.remembered = (v) => typeof v === 'object' && v !== null && texts.has(v);
  return outer;
}

/** The writer for a schema, or null when the schema uses anything this writer does not handle. */
export function compileJsonWriter(schema: unknown): ((value: unknown) => string) | null {
  return compile(defOf(schema), '');
}

const child = (path: string, key: string) => (path ? `${path}.${key}` : key);

function compile(def: ZodDef | undefined, path: string): Write | null {
  if (!def || (def.checks && def.checks.length > 0)) return null;
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? quote(v) : fail(path, 'a string'));
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : fail(path, 'a finite number'));
    case 'boolean':
      return (v) => (v === true ? 'true' : v === false ? 'false' : fail(path, 'a boolean'));
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      const expected = `one of ${[...allowed].join(', ')}`;
      return (v) =>
        allowed.has(v as string | number)
          ? typeof v === 'string'
            ? quote(v)
            : String(v)
          : fail(path, expected);
    }
    case 'literal': {
      const allowed = new Set(def.values ?? []);
      return (v) => (allowed.has(v) ? JSON.stringify(v) : fail(path, 'the literal value'));
    }
    case 'nullable': {
      const inner = compile(defOf(def.innerType), path);
      if (!inner) return null;
      const write: Write = (v) => (v === null ? 'null' : inner(v));
      write.remembered = (v) => v === null || isRemembered(inner, v);
      return write;
    }
    case 'array':
      return compileArray(def, path);
    case 'object':
      return compileObject(def, path);
    default:
      return null;
  }
}

function compileArray(def: ZodDef, path: string): Write | null {
  // Elements report their path as `items[]`; the index is put in when one fails.
  const element = compile(defOf(def.element), `${path}[]`);
  if (!element) return null;
  return remembering((v) => {
    if (!Array.isArray(v)) return fail(path, 'an array');
    let out = '[';
    let stable = true;
    let i = 0;
    try {
      for (; i < v.length; i++) {
        out += (i ? ',' : '') + element(v[i]);
        if (stable) stable = isRemembered(element, v[i]);
      }
    } catch (error) {
      if (error instanceof ResponseShapeError && error.field.startsWith(`${path}[]`)) {
        fail(`${path}[${i}]${error.field.slice(path.length + 2)}`, error.expected);
      }
      throw error;
    }
    return { text: `${out}]`, stable };
  });
}

function compileObject(def: ZodDef, path: string): Write | null {
  const writers: Write[] = [];
  let source = '';
  for (const [key, field] of Object.entries(def.shape ?? {})) {
    let fieldDef: ZodDef | undefined = field._zod.def;
    const optional = fieldDef.type === 'optional';
    if (optional) fieldDef = defOf(fieldDef.innerType);
    const write = compile(fieldDef, child(path, key));
    if (!write) return null;
    const i = writers.push(write) - 1;
    const prefix = `${JSON.stringify(key)}:`;
    // Generated from our own schema's keys, each written as a JSON (hence JavaScript) string literal.
    source += `
      x = v[${JSON.stringify(key)}];
      if (x === undefined) {
        ${optional ? '' : `fail(${JSON.stringify(child(path, key))}, 'a value');`}
      } else {
        out += (first ? ${JSON.stringify(prefix)} : ${JSON.stringify(`,${prefix}`)}) + w[${i}](x);
        first = false;
        if (stable) stable = isRemembered(w[${i}], x);
      }`;
  }
  const body = new Function(
    'w',
    'fail',
    'isRemembered',
    'path',
    `return function writeObject(v) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'an object');
      let out = '{';
      let first = true;
      let stable = true;
      let x;${source}
      return { text: out + '}', stable };
    };`,
  )(writers, fail, isRemembered, path) as (value: unknown) => { text: string; stable: boolean };
  return remembering(body);
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
