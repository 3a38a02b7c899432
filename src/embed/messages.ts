/**
 * The embed's postMessage API, validated: which messages a host may send, which origins may
 * send them, and where the embed's own events may go (never '*').
 *
 *   host -> embed  {type: 'ae:set-state', state: {eps: 0.1, ...}}   (fields as in the URL codec)
 *                  {type: 'ae:get-results', id}                       -> {type: 'ae:results', id, ...}
 *   embed -> host  {type: 'ae:ready', state} · {type: 'ae:result', ...} · {type: 'ae:error', message}
 */
import { plainDataProblem } from './plainData';
import { LIMITS } from '../shared/limits';

/** Largest message accepted, as JSON characters. */
export const MAX_MESSAGE_CHARS = LIMITS.messageChars;
const MAX_STATE_KEYS = 32;
const MAX_ID_CHARS = 64;
const MAX_ORIGINS = 16;

export type HostMessage =
  | { type: 'ae:set-state'; state: Record<string, unknown> }
  | { type: 'ae:get-results'; id: string | number };

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks the state of 'ae:set-state' (or of the element's setState): a plain object of plain
 * data, not too large, with a bounded number of fields; a refusal names its real reason.
 */
export function parseHostState(state: unknown): Checked<Record<string, unknown>> {
  if (!isPlainObject(state)) return { ok: false, reason: 'the state must be a plain object' };
  const problem = plainDataProblem(state, MAX_MESSAGE_CHARS, 'state');
  if (problem) return { ok: false, reason: problem };
  if (Object.keys(state).length > MAX_STATE_KEYS)
    return { ok: false, reason: 'too many fields in "state"' };
  return { ok: true, value: state };
}

/** Checks a message's shape and size; only the two host message types pass. */
export function parseHostMessage(data: unknown): Checked<HostMessage> {
  if (!isPlainObject(data)) return { ok: false, reason: 'a message must be a plain object' };
  const problem = plainDataProblem(data, MAX_MESSAGE_CHARS);
  if (problem) return { ok: false, reason: problem };
  const keys = Object.keys(data);
  if (data.type === 'ae:set-state') {
    if (keys.some((k) => k !== 'type' && k !== 'state'))
      return { ok: false, reason: 'ae:set-state takes only "type" and "state"' };
    if (!isPlainObject(data.state))
      return { ok: false, reason: 'ae:set-state needs a "state" object' };
    const state = parseHostState(data.state);
    return state.ok ? { ok: true, value: { type: 'ae:set-state', state: state.value } } : state;
  }
  if (data.type === 'ae:get-results') {
    if (keys.some((k) => k !== 'type' && k !== 'id'))
      return { ok: false, reason: 'ae:get-results takes only "type" and "id"' };
    const id = data.id;
    const valid =
      (typeof id === 'string' && id.length <= MAX_ID_CHARS) ||
      (typeof id === 'number' && Number.isFinite(id));
    if (!valid)
      return { ok: false, reason: 'ae:get-results needs an "id" (short string or number)' };
    return { ok: true, value: { type: 'ae:get-results', id } };
  }
  return { ok: false, reason: 'unknown message type' };
}

/**
 * `origins=https://a.edu,https://b.org`: the host origins allowed to talk to the embed; null
 * when the parameter is absent (then only the actual parent may). Entries that are not plain
 * http(s) origins are dropped with a warning.
 */
export function parseOrigins(raw: string | null): { origins: string[] | null; warnings: string[] } {
  if (raw === null) return { origins: null, warnings: [] };
  const origins: string[] = [];
  const warnings: string[] = [];
  for (const entry of raw.split(',').slice(0, MAX_ORIGINS)) {
    const text = entry.trim().replace(/\/$/, '');
    let origin: string | null = null;
    try {
      const url = new URL(text);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text)
        origin = url.origin;
    } catch {
      origin = null;
    }
    if (origin) origins.push(origin);
    else warnings.push(`ignored origin ${JSON.stringify(text.slice(0, 60))}`);
  }
  return { origins, warnings };
}

/** The embedding page's origin, from ancestorOrigins (Chromium, Safari) or the referrer. */
export function parentOriginOf(win: Window): string | null {
  if (win.parent === win) return null;
  const ancestor = win.location.ancestorOrigins?.[0];
  if (ancestor && ancestor !== 'null') return ancestor;
  try {
    const referrer = win.document.referrer;
    return referrer ? new URL(referrer).origin : null;
  } catch {
    return null;
  }
}

export interface OriginPolicy {
  /** may a message from this origin be read? */
  accepts(origin: string): boolean;
  /** the exact origins the embed posts to (each a target origin; the browser drops mismatches) */
  targets(): string[];
  /** remembers the origin of an accepted message, when the parent's origin was not known */
  learn(origin: string): void;
}

export function originPolicy(allowed: string[] | null, parentOrigin: string | null): OriginPolicy {
  let parent = parentOrigin;
  return {
    accepts: (origin) =>
      allowed ? allowed.includes(origin) : parent === null || origin === parent,
    targets: () => {
      if (allowed) return parent ? (allowed.includes(parent) ? [parent] : []) : [...allowed];
      return parent ? [parent] : [];
    },
    learn: (origin) => {
      if (parent === null && origin !== 'null') parent = origin;
    },
  };
}
