import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileJsonWriter, ResponseShapeError } from './json-writer.js';

const schema = z.object({
  user: z.object({ id: z.string(), name: z.string(), language: z.enum(['fr', 'en']) }),
  count: z.number(),
  ok: z.boolean(),
  status: z.literal('ok'),
  note: z.string().optional(),
  items: z.array(z.object({ id: z.string(), primary: z.boolean() })),
  active: z.string().nullable(),
});

describe('JSON writer compiled from a zod schema', () => {
  const write = compileJsonWriter(schema);

  it('writes what zod + JSON.stringify would, and only the declared fields', () => {
    const value = {
      user: { id: 'u1', name: 'Zoé "la" Réception\n', language: 'fr', password: 'never written' },
      count: 3,
      ok: false,
      status: 'ok',
      items: [
        { id: 'p1', primary: true, secret: 1 },
        { id: 'p2', primary: false },
      ],
      active: null,
      internal: 'dropped',
    };
    expect(write).not.toBeNull();
    const text = write?.(value) ?? '';
    expect(JSON.parse(text)).toEqual(schema.parse(value));
    expect(text).toBe(JSON.stringify(schema.parse(value)));
    expect(text).not.toContain('never written');
    expect(write?.({ ...value, note: 'n' })).toContain('"note":"n"');
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    const one = compileJsonWriter(z.object({ s: z.string() }));
    const samples = [
      'plain',
      'quote " here',
      'back\\slash',
      'tab\tnew\nline\u0000\u001f',
      'é😀',
      '\ud83d lone',
      'end \udc00',
      '\u2028\u2029',
      '',
    ];
    for (const s of samples) expect(one?.({ s })).toBe(JSON.stringify({ s }));
  });

  it('refuses a value of the wrong type, naming the field', () => {
    const good = {
      user: { id: 'u', name: 'n', language: 'en' },
      count: 1,
      ok: true,
      status: 'ok',
      items: [],
      active: 'p',
    };
    expect(() => write?.({ ...good, count: '1' })).toThrow(ResponseShapeError);
    expect(() => write?.({ ...good, user: { ...good.user, language: 'de' } })).toThrow(/user\.language/);
    expect(() => write?.({ ...good, items: [{ id: 'x' }] })).toThrow(/items\[0\]\.primary/);
    expect(() => write?.({ ...good, count: Number.NaN })).toThrow(/count/);
  });

  it('leaves schemas it does not understand to zod', () => {
    expect(compileJsonWriter(z.object({ details: z.record(z.string(), z.unknown()) }))).toBeNull();
    expect(compileJsonWriter(z.object({ email: z.string().email() }))).toBeNull();
  });
});
