/**
 * The URL codec's field parsers: strings are matched against whitelists or a strict pattern,
 * numbers are parsed from a strict decimal syntax, rejected when not finite or absurdly large,
 * then clamped to their range; lists are comma-separated and short.
 */

/** Largest absolute number any field accepts before clamping: beyond it the value is garbage. */
export const MAX_ABS_NUMBER = 1e6;
/** Longest string any field accepts. */
const MAX_STRING_LENGTH = 64;
const MODEL_ID = /^[a-z0-9][a-z0-9._-]*$/i;
/** A decimal number with an optional exponent, nothing else (no hex, no "Infinity", no spaces). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface FieldSpec<T> {
  parse(raw: unknown): Parsed<T>;
  encode(value: T): string;
}

export function readNumber(raw: unknown): Parsed<number> {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && raw.length <= MAX_STRING_LENGTH && DECIMAL.test(raw.trim()))
    n = Number(raw.trim());
  else return { ok: false, reason: 'not a number' };
  if (!Number.isFinite(n)) return { ok: false, reason: 'not a finite number' };
  if (Math.abs(n) > MAX_ABS_NUMBER) return { ok: false, reason: 'out of range' };
  return { ok: true, value: n };
}

export function numberField(lo: number, hi: number, integer: boolean): FieldSpec<number> {
  return {
    parse(raw) {
      const n = readNumber(raw);
      if (!n.ok) return n;
      if (integer && !Number.isInteger(n.value)) return { ok: false, reason: 'not a whole number' };
      return { ok: true, value: Math.min(hi, Math.max(lo, n.value)) };
    },
    // shortest decimal that reads back as the same float64
    encode: (value) => String(value),
  };
}

export function enumField<T extends string>(allowed: readonly T[]): FieldSpec<T> {
  return {
    parse(raw) {
      const found = allowed.find((a) => a === raw);
      return found === undefined
        ? { ok: false, reason: `not one of ${allowed.join(', ')}` }
        : { ok: true, value: found };
    },
    encode: (value) => value,
  };
}

export const modelField: FieldSpec<string> = {
  parse(raw) {
    if (typeof raw !== 'string' || raw.length > MAX_STRING_LENGTH || !MODEL_ID.test(raw))
      return { ok: false, reason: 'not a model id' };
    return { ok: true, value: raw };
  },
  encode: (value) => value,
};

export const imageField: FieldSpec<number> = {
  parse(raw) {
    if (raw === 'own')
      return { ok: false, reason: 'an own image stays in the browser that opened it' };
    return numberField(0, MAX_ABS_NUMBER, true).parse(raw);
  },
  encode: (value) => String(value),
};

/** Longest list any field accepts. */
const MAX_LIST_ITEMS = 20;

/** A comma-separated list (or an array, from a postMessage) of one field's values. */
export function listField<T>(item: FieldSpec<T>, maxItems = MAX_LIST_ITEMS): FieldSpec<T[]> {
  return {
    parse(raw) {
      const parts: unknown[] =
        typeof raw === 'string'
          ? raw.length <= MAX_STRING_LENGTH * maxItems
            ? raw.split(',')
            : []
          : Array.isArray(raw)
            ? raw
            : [];
      if (parts.length === 0 || (typeof raw === 'string' && raw.trim() === ''))
        return { ok: false, reason: 'not a list' };
      if (parts.length > maxItems) return { ok: false, reason: `more than ${maxItems} items` };
      const out: T[] = [];
      for (const part of parts) {
        const parsed = item.parse(typeof part === 'string' ? part.trim() : part);
        if (!parsed.ok) return { ok: false, reason: `an item is ${parsed.reason}` };
        out.push(parsed.value);
      }
      return { ok: true, value: out };
    },
    encode: (values) => values.map((v) => item.encode(v)).join(','),
  };
}

/** Exactly two values, comma-separated. */
export function pairField<T>(item: FieldSpec<T>): FieldSpec<T[]> {
  const list = listField(item, 2);
  return {
    parse(raw) {
      const parsed = list.parse(raw);
      if (parsed.ok && parsed.value.length !== 2) return { ok: false, reason: 'not two numbers' };
      return parsed;
    },
    encode: list.encode,
  };
}
