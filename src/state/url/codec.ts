/**
 * The shareable state: every field that decides what the explorer shows, as URL query parameters
 * (or as a plain object from a postMessage), with a version number. Each field has its own
 * parser: strings are matched against whitelists or a strict pattern, numbers are parsed from a
 * strict decimal syntax, rejected when not finite or absurdly large, then clamped to their range.
 * Anything unknown or invalid is dropped with a warning; nothing is ever evaluated or written
 * into the page as markup.
 */
import {
  ATTACK_MODES,
  BACKEND_NAMES,
  MAP_HORIZONTALS,
  MAP_PLANES,
  type AttackMode,
  type LabelSource,
  type MapHorizontal,
  type MapPlanes,
} from '../../shared/vocabulary';
import type { BackendPreference, ViewTab } from '../types';
import { VIEW_TABS } from '../types';
import { LIMITS } from '../../shared/limits';
import {
  MAX_ABS_NUMBER,
  enumField,
  imageField,
  listField,
  modelField,
  numberField,
  pairField,
  type FieldSpec,
} from './fields';
import type { ExperimentKind } from '../../engine/experimentTypes';
import { EXPERIMENT_KIND_IDS } from '../slices/experimentsTypes';
import { LAB_ARCHITECTURES, LAB_DATASETS, LAB_OBJECTIVES } from '../../shared/labSpec';
import type { LabShareable } from './labFields';

export const URL_STATE_VERSION = 1;

export interface ShareableState extends LabShareable {
  /** model id (models/index.json) */
  model?: string;
  /** test-set index */
  image?: number;
  eps?: number;
  attack?: AttackMode;
  target?: number;
  steps?: number;
  /** PGD step size; absent: eps / 4 */
  stepSize?: number;
  label?: LabelSource;
  view?: ViewTab;
  sweepMax?: number;
  sweepPoints?: number;
  mapRes?: number;
  mapSeed?: number;
  /** the planes the maps show (absent: both side by side; 'fgsm': FGSM x random only;
   * 'random': the random x random control only) */
  mapDir?: MapPlanes;
  backend?: BackendPreference;
  /** the compare view's model B (absent: the selected model's partner) */
  compareModel?: string;
  /** the sweep plots logits (absent) or probabilities */
  plot?: 'logits' | 'probabilities';
  /** how many cross-section maps */
  maps?: number;
  /** a cross-section point shown in the image panel: its offsets along the map's horizontal
   * (FGSM, or random signs: see cellDir) and its random vertical direction, around `image` */
  cell?: number[];
  /** the plane `cell` lies on (absent: random with mapDir=random, else FGSM) */
  cellDir?: MapHorizontal;
  /** the weights view's second model, and its page (from 1) */
  wcompare?: string;
  wpage?: number;
  /** units shown per page of the weights view (fewer: a compact, slide-sized comparison) */
  wunits?: number;
  /** the Experiments view's settings, where they differ from its defaults */
  xkind?: ExperimentKind;
  xmodels?: string[];
  xattack?: AttackMode;
  xtarget?: number;
  /** the test-set attack's eps list */
  xeps?: number[];
  /** the other experiments' one eps */
  xeps1?: number;
  xlimit?: number;
  xseed?: number;
  xcount?: number;
  xsteps?: number;
  xdir?: 'gradient' | 'sign';
  xsources?: number;
}

export type ShareableKey = keyof ShareableState;

/** Query parameters other parts of the page own (embed mode); known, so never warned about. */
export const EMBED_PARAMS: readonly string[] = ['controls', 'origins'];

const BACKENDS: readonly BackendPreference[] = ['auto', ...BACKEND_NAMES];

/** Every field, in the order links write them. */
const FIELDS: { [K in ShareableKey]-?: FieldSpec<NonNullable<ShareableState[K]>> } = {
  model: modelField,
  image: imageField,
  eps: numberField(...LIMITS.eps, false),
  attack: enumField(ATTACK_MODES),
  target: numberField(...LIMITS.targetClass, true),
  steps: numberField(...LIMITS.pgd.steps, true),
  stepSize: numberField(0, 1, false),
  label: enumField<LabelSource>(['true', 'predicted']),
  view: enumField(VIEW_TABS),
  sweepMax: numberField(...LIMITS.sweep.epsMax, false),
  sweepPoints: numberField(...LIMITS.sweep.points, true),
  mapRes: numberField(...LIMITS.map.resolution, true),
  mapSeed: numberField(0, MAX_ABS_NUMBER, true),
  mapDir: enumField(MAP_PLANES),
  backend: enumField(BACKENDS),
  compareModel: modelField,
  plot: enumField(['logits', 'probabilities'] as const),
  maps: numberField(...LIMITS.map.count, true),
  cell: pairField(numberField(-1, 1, false)),
  cellDir: enumField(MAP_HORIZONTALS),
  wcompare: modelField,
  wpage: numberField(1, MAX_ABS_NUMBER, true),
  wunits: numberField(...LIMITS.weights.unitsPerPage, true),
  xkind: enumField(EXPERIMENT_KIND_IDS),
  xmodels: listField(modelField, 12),
  xattack: enumField(ATTACK_MODES),
  xtarget: numberField(...LIMITS.targetClass, true),
  xeps: listField(numberField(...LIMITS.eps, false)),
  xeps1: numberField(...LIMITS.eps, false),
  xlimit: numberField(1, MAX_ABS_NUMBER, true),
  xseed: numberField(-MAX_ABS_NUMBER, MAX_ABS_NUMBER, true),
  xcount: numberField(1, 100_000, true),
  xsteps: numberField(0, LIMITS.pgd.engineSteps[1], true),
  xdir: enumField(['gradient', 'sign'] as const),
  xsources: numberField(1, 10_000, true),
  // the Training lab's settings (labFields.ts)
  labData: enumField(LAB_DATASETS),
  labModel: enumField(LAB_ARCHITECTURES),
  labUnits: numberField(...LIMITS.training.units, true),
  labPieces: numberField(...LIMITS.training.pieces, true),
  labX: enumField(LAB_OBJECTIVES),
  labAlpha: numberField(...LIMITS.training.alpha, false),
  labEps: numberField(...LIMITS.training.eps, false),
  labLr: numberField(...LIMITS.training.learningRate, false),
  labBatch: numberField(...LIMITS.training.batchSize, true),
  labEpochs: numberField(...LIMITS.training.epochs, true),
  labSeed: numberField(...LIMITS.training.seed, true),
  labDropout: numberField(...LIMITS.training.dropout, false),
  labInputDropout: numberField(...LIMITS.training.dropout, false),
  labImages: numberField(...LIMITS.training.trainImages, true),
};

export const SHAREABLE_KEYS = Object.keys(FIELDS) as ShareableKey[];

export interface Decoded {
  state: ShareableState;
  /** one line per ignored field, for the console and the notice */
  warnings: string[];
}

/** Keys that must never become property names, whatever object they end up on. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isShareableKey(key: string): key is ShareableKey {
  return Object.prototype.hasOwnProperty.call(FIELDS, key);
}

/** Quotes a user-supplied string for a warning: printable, short. */
function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(clean.length > 40 ? `${clean.slice(0, 40)}…` : clean);
}

function entriesOf(input: URLSearchParams | string | object): [string, unknown][] {
  if (typeof input === 'string' || input instanceof URLSearchParams) {
    return [...new URLSearchParams(input).entries()];
  }
  // own enumerable string keys only: an object from JSON.parse can carry "__proto__" as a key
  return Object.keys(input).map((key) => [key, (input as Record<string, unknown>)[key]]);
}

/**
 * Reads a query string (`?model=...`), URLSearchParams, or a plain object (postMessage). Keys in
 * `alsoKnown` belong to someone else and are skipped silently.
 */
export function decodeState(
  input: URLSearchParams | string | object,
  alsoKnown: readonly string[] = EMBED_PARAMS,
): Decoded {
  const state: ShareableState = {};
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of entriesOf(input)) {
    if (key === 'v') {
      if (String(raw) !== String(URL_STATE_VERSION))
        warnings.push(
          `link version ${quote(String(raw))} is not ${URL_STATE_VERSION}; read as ${URL_STATE_VERSION}`,
        );
      continue;
    }
    if (alsoKnown.includes(key)) continue;
    if (FORBIDDEN_KEYS.has(key) || !isShareableKey(key)) {
      warnings.push(`ignored unknown field ${quote(key)}`);
      continue;
    }
    if (seen.has(key)) {
      warnings.push(`ignored a second ${key}`);
      continue;
    }
    seen.add(key);
    const parsed = (FIELDS[key] as FieldSpec<unknown>).parse(raw);
    if (parsed.ok) (state as Record<ShareableKey, unknown>)[key] = parsed.value;
    else warnings.push(`ignored ${key}=${quote(raw)}: ${parsed.reason}`);
  }
  return { state, warnings };
}

/** The query parameters for a state, `v` first, fields in a fixed order. */
export function encodeState(state: ShareableState): URLSearchParams {
  const params = new URLSearchParams();
  params.set('v', String(URL_STATE_VERSION));
  for (const key of SHAREABLE_KEYS) {
    const value = state[key];
    if (value === undefined) continue;
    params.set(key, (FIELDS[key] as FieldSpec<unknown>).encode(value));
  }
  return params;
}

/** `?backend=webgpu|webgl|wasm|cpu|auto`; null when absent or unknown (the old urlBackend API). */
export function parseBackendParam(search: string): BackendPreference | null {
  const raw = new URLSearchParams(search).get('backend');
  if (raw === null) return null;
  const parsed = FIELDS.backend.parse(raw);
  return parsed.ok ? parsed.value : null;
}
