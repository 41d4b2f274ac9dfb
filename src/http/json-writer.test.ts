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

  it('remembers the text of values frozen all the way down, and only of those', () => {
    const listWriter = compileJsonWriter(
      z.object({ items: z.array(z.object({ id: z.string(), tags: z.array(z.string()) })) }),
    );
    const deep = Object.freeze([Object.freeze({ id: 'a', tags: Object.freeze(['x']) })]);
    expect(listWriter?.({ items: deep })).toBe('{"items":[{"id":"a","tags":["x"]}]}');
    expect(listWriter?.({ items: deep })).toBe('{"items":[{"id":"a","tags":["x"]}]}');
    // Frozen on top but not below: the inner array may change, so nothing is remembered.
    const tags = ['x'];
    const shallow = Object.freeze([Object.freeze({ id: 'a', tags })]);
    expect(listWriter?.({ items: shallow })).toBe('{"items":[{"id":"a","tags":["x"]}]}');
    tags.push('y');
    expect(listWriter?.({ items: shallow })).toBe('{"items":[{"id":"a","tags":["x","y"]}]}');
    // Not frozen at all: always written afresh.
    const open = [{ id: 'a', tags: ['x'] }];
    expect(listWriter?.({ items: open })).toBe('{"items":[{"id":"a","tags":["x"]}]}');
    (open[0] as { id: string }).id = 'b';
    expect(listWriter?.({ items: open })).toBe('{"items":[{"id":"b","tags":["x"]}]}');
    // A frozen value of the wrong shape is still refused, every time.
    const bad = Object.freeze([Object.freeze({ id: 1, tags: Object.freeze([]) })]);
    expect(() => listWriter?.({ items: bad })).toThrow(/items\[0\]\.id/);
    expect(() => listWriter?.({ items: bad })).toThrow(/items\[0\]\.id/);
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
