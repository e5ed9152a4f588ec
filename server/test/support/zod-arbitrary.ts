/**
 * fast-check arbitraries read from zod 4 schemas (the routes' own request schemas):
 * `validArbitrary` aims at values the schema accepts, `hostileArbitrary` at the values an
 * attacker or a broken client sends (wrong types, huge and odd strings, NUL, extreme
 * numbers, missing and extra fields, prototype-pollution keys), mixed with valid ones so
 * that requests get past validation into the handlers too.
 */
import fc from 'fast-check';
import type { z } from 'zod';

type Def = { type: string; [key: string]: any };
type Check = { check: string; [key: string]: any };

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Check[] => ((def.checks ?? []) as { _zod: { def: Check } }[]).map((c) => c._zod.def);

function numberBounds(def: Def): { min: number; max: number; integer: boolean } {
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  let integer = false;
  for (const c of checksOf(def)) {
    if (c.check === 'number_format') integer = integer || ['safeint', 'int32', 'uint32', 'int64', 'uint64'].includes(c.format);
    if (c.check === 'greater_than') min = Math.max(min, c.inclusive ? c.value : c.value + (integer ? 1 : 1e-9));
    if (c.check === 'less_than') max = Math.min(max, c.inclusive ? c.value : c.value - (integer ? 1 : 1e-9));
  }
  return { min, max, integer };
}

function stringBounds(def: Def): { min: number; max: number; format?: string; pattern?: RegExp } {
  let min = 0;
  let max = 64;
  let format: string | undefined = def.format;
  let pattern: RegExp | undefined = def.format === 'regex' ? def.pattern : undefined;
  for (const c of checksOf(def)) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum);
    if (c.check === 'max_length') max = Math.min(max === 64 ? c.maximum : max, c.maximum);
    if (c.check === 'length_equals') min = max = c.length;
    if (c.check === 'string_format') {
      format = c.format;
      if (c.format === 'regex') pattern = c.pattern;
    }
  }
  return { min, max: Math.max(min, max), ...(format ? { format } : {}), ...(pattern ? { pattern } : {}) };
}

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });

function validString(def: Def): fc.Arbitrary<string> {
  const { min, max, format, pattern } = stringBounds(def);
  // No .filter(): a filter no candidate passes would loop for ever. Values that miss a
  // bound are weeded out by safeParse where validity matters.
  switch (format) {
    case 'email':
      return fc.emailAddress();
    case 'url':
      return fc.webUrl();
    case 'datetime':
      return isoDate.map((d) => d.toISOString());
    case 'date':
      return isoDate.map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
    case 'guid':
      return fc.uuid();
    case 'regex':
      if (pattern) return fc.stringMatching(pattern, { size: 'xsmall' });
      break;
  }
  const upper = Math.min(max, min + 24);
  const words = ['测试', '退货 申请', 'Zoë', 'a b'].filter((w) => w.length >= min && w.length <= max);
  return fc.oneof(
    fc.string({ minLength: min, maxLength: upper, unit: 'grapheme-ascii' }),
    fc.string({ minLength: min, maxLength: upper, unit: 'grapheme' }),
    ...(words.length > 0 ? [fc.constantFrom(...words)] : []),
  );
}

function validNumber(def: Def): fc.Arbitrary<number> {
  const { min, max, integer } = numberBounds(def);
  if (integer) {
    const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
    const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
    const small = fc.integer({ min: Math.max(lo, Math.min(hi, 0)), max: Math.min(hi, Math.max(lo, 0) + 10) });
    return fc.oneof({ arbitrary: small, weight: 3 }, fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi));
  }
  const lo = Number.isFinite(min) ? min : -1e9;
  const hi = Number.isFinite(max) ? max : 1e9;
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** An arbitrary of values the schema should accept (check with safeParse: refinements are not read). */
export function validArbitrary(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: unknown) => validArbitrary(s, depth + 1);
  switch (def.type) {
    case 'string':
      return validString(def);
    case 'number':
      return validNumber(def);
    case 'bigint':
      return fc.bigInt({ min: -1000n, max: 1000n });
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'any':
    case 'unknown':
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 4 });
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      // The request side of a transform is its input schema.
      return defOf(def.in).type === 'transform' ? fc.string({ maxLength: 20 }) : inner(def.in);
    case 'transform':
      return fc.string({ maxLength: 20 });
    case 'lazy':
      return depth > 4 ? fc.constant(undefined) : inner(def.getter());
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(inner));
    case 'intersection':
      return inner(def.left);
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map(inner));
    case 'array': {
      let min = 0;
      let max = 3;
      for (const c of checksOf(def)) {
        if (c.check === 'min_length') min = c.minimum;
        if (c.check === 'max_length') max = Math.min(max, c.maximum);
        if (c.check === 'length_equals') min = max = c.length;
      }
      return fc.array(inner(def.element), { minLength: min, maxLength: Math.max(min, Math.min(max, min + 3)) });
    }
    case 'record':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme-ascii' }), inner(def.valueType), { maxKeys: 3 });
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(shape)) record[key] = inner(value);
      return fc.record(record).map(dropUndefined);
    }
    default:
      return fc.constant(undefined);
  }
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** Keys that must never reach an object's prototype or change a handler's idea of the caller. */
export const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'isAdmin', 'roles', 'customerId', 'id', 'status'];

const extremeNumbers = [
  0,
  -0,
  -1,
  1.5,
  -1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  2 ** 63,
  1e12,
  1e12 + 1,
  1e15,
  1e21,
  1e308,
  -1e308,
  5e-324,
];
const oddStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\t\n\r',
  '0',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '𝕏😀👍🏽',
  '\u202etxet\u202c',
  '\ufeffBOM',
  'Ünïcödé 中文 العربية',
  "'; drop table returns; --",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00%2e%2e%2f',
  '$' + '{jndi:ldap://x}',
  '{{7*7}}',
  'rt_does_not_exist',
  // Names every object inherits: a lookup table indexed by user input must not find them.
  'constructor',
  'toString',
  '__proto__',
  'hasOwnProperty',
];

/** A value of any JSON type, from the hostile end of each. */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, ...extremeNumbers, ...oddStrings),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1, max: 400 }).map((n) => 'ß'.repeat(n * 25)),
  fc.constantFrom(70_000, 300_000).map((n) => 'x'.repeat(n)),
  fc.array(fc.constantFrom<unknown>(1, 'a', null, {}), { maxLength: 4 }),
  fc.constant({}),
  fc.dictionary(fc.constantFrom(...pollutionKeys), fc.constantFrom<unknown>(1, 'admin', true, { polluted: 'yes' }), { maxKeys: 2 }).map(withOwnKeys),
);

/** Copies entries onto a fresh object as own properties, so `__proto__` survives JSON.stringify as a key. */
function withOwnKeys(entries: Record<string, unknown>): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const key of Object.keys(entries)) Object.defineProperty(target, key, { value: entries[key], enumerable: true, writable: true, configurable: true });
  return target;
}

/** Adds an extra key (often a pollution key) to an object value. */
const extraKey = fc.tuple(fc.oneof(fc.constantFrom(...pollutionKeys), fc.string({ maxLength: 12 })), fc.oneof(hostileLeaf, fc.constant({ polluted: 'yes' })));

/** An arbitrary of mostly invalid values shaped like the schema, with valid ones mixed in. */
export function hostileArbitrary(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const valid = validArbitrary(schema, depth);
  if (depth > 3) return fc.oneof(valid, hostileLeaf);
  const inner = (s: unknown) => hostileArbitrary(s, depth + 1);
  let shaped: fc.Arbitrary<unknown> | undefined;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      shaped = inner(def.innerType);
      break;
    case 'pipe':
      shaped = defOf(def.in).type === 'transform' ? undefined : inner(def.in);
      break;
    case 'array':
      shaped = fc.oneof(
        fc.array(inner(def.element), { maxLength: 4 }),
        fc.constant([]),
        fc.integer({ min: 201, max: 450 }).chain((n) => fc.array(validArbitrary(def.element, depth + 1), { minLength: n, maxLength: n })),
      );
      break;
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(shape)) record[key] = fc.oneof({ arbitrary: validArbitrary(value, depth + 1), weight: 2 }, inner(value));
      const keys = Object.keys(shape);
      shaped = fc
        .tuple(fc.record(record), fc.subarray(keys, { maxLength: Math.min(2, keys.length) }), fc.array(extraKey, { maxLength: 2 }))
        .map(([value, missing, extras]) => {
          const result = withOwnKeys(dropUndefined(value));
          for (const key of missing) delete result[key];
          for (const [key, extra] of extras) Object.defineProperty(result, key, { value: extra, enumerable: true, writable: true, configurable: true });
          return result;
        });
      break;
    }
  }
  return shaped
    ? fc.oneof({ arbitrary: shaped, weight: 3 }, { arbitrary: valid, weight: 1 }, { arbitrary: hostileLeaf, weight: 1 })
    : fc.oneof(valid, hostileLeaf);
}

/** One value the schema accepts, found from a fixed seed; undefined when none turns up. */
export function validSample(schema: z.ZodType, options: { seed?: number; prepare?: (value: unknown) => unknown } = {}): unknown {
  const prepare = options.prepare ?? ((v: unknown) => v);
  for (const candidate of fc.sample(validArbitrary(schema), { seed: options.seed ?? 42, numRuns: 300 })) {
    const prepared = prepare(candidate);
    if (schema.safeParse(prepared).success) return prepared;
  }
  return undefined;
}
