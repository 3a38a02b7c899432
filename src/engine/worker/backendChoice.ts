/**
 * The decisions of backend choice, apart from tfjs: how a probe is timed and which candidate
 * wins. backend.ts feeds them real backends; the tests feed them made-up timings.
 */
import type { BackendCandidate, BackendInfo, BackendName } from '../api';

export type BackendPreference = BackendName | 'auto';

export interface BackendDecision {
  active: BackendName;
  chosenBy: BackendInfo['chosenBy'];
  /** why the requested backend was not used (fallback only) */
  reason?: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

export interface ProbeTimingOptions {
  /** timed runs after the warm-up (default 3) */
  runs?: number;
  /** the best median seen so far on another backend, if any */
  bestSoFarMs?: number;
  /**
   * stop after the first timed run when it is this many times slower than bestSoFarMs (default
   * 3): a CPU-emulated GPU can be 70x slower, and timing it three times would delay the start.
   */
  hopelessFactor?: number;
  /** polled before every run; true abandons the probe (its caller gave up waiting) */
  shouldStop?: () => boolean;
}

export class ProbeStopped extends Error {
  constructor() {
    super('probe stopped');
    this.name = 'ProbeStopped';
  }
}

/**
 * Times `runOnce` (which returns its own duration in ms): one untimed warm-up (shader compilation,
 * wasm start), then the median of `runs` timed runs, cut short for a hopeless candidate.
 */
export async function timeProbe(
  runOnce: () => Promise<number>,
  options: ProbeTimingOptions = {},
): Promise<number> {
  const runs = options.runs ?? 3;
  const hopeless = options.hopelessFactor ?? 3;
  const run = (): Promise<number> => {
    if (options.shouldStop?.() === true) throw new ProbeStopped();
    return runOnce();
  };
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ms = await run();
    times.push(ms);
    if (options.bestSoFarMs !== undefined && ms > hopeless * options.bestSoFarMs) break;
  }
  return median(times);
}

/**
 * How long a candidate may take to start and be timed. A software GPU (SwiftShader, llvmpipe)
 * never beats wasm, and its shader compilation alone can take seconds, so once another backend
 * has a time it gets a short budget; everything else gets the generous default.
 */
export function probeBudgetMs(
  software: boolean,
  bestSoFarMs: number | undefined,
  defaultMs: number,
): number {
  if (!software || bestSoFarMs === undefined) return defaultMs;
  return Math.min(defaultMs, Math.max(500, 8 * bestSoFarMs));
}

/**
 * Why a candidate is left untimed, or null to time it. Once another backend has a time, these
 * are never timed: they never win, and timing them was most of a cold start (on the 2-core
 * machine one FGSM took 5.8 ms on wasm, 14.8 on cpu and 264 on SwiftShader WebGPU; timing cpu
 * and SwiftShader WebGPU cost 2.6 and 1.4 s of a cold start under load). A software WebGL
 * renderer also compiles its shaders synchronously, blocking the worker for seconds where no
 * budget can interrupt it. All stay usable when asked for by name.
 */
export function untimedReason(
  candidate: BackendCandidate,
  bestSoFarMs: number | undefined,
): string | null {
  if (bestSoFarMs === undefined) return null;
  if (candidate.name === 'webgl' && candidate.software === true) {
    return 'software renderer (CPU-emulated): not timed, its shader compilation blocks for seconds';
  }
  if (candidate.name === 'webgpu' && candidate.software === true) {
    return 'software adapter (CPU-emulated): not timed, it is tens of times slower than WebAssembly';
  }
  if (candidate.name === 'cpu') {
    return 'plain JavaScript: not timed, it is several times slower than WebAssembly or a GPU';
  }
  return null;
}

/**
 * The backend that wins without a race: wasm, when every other usable candidate is one that is
 * never timed beside it (cpu, CPU-emulated GPUs). Timing it alone would decide nothing (it cost
 * 1.5-4 s of a cold start on the loaded 2-core machine). Null when a race is needed.
 */
export function unrivalled(candidates: readonly BackendCandidate[]): BackendName | null {
  const wasm = candidates.find((c) => c.name === 'wasm');
  if (wasm?.available !== true) return null;
  const rivals = candidates.filter(
    (c) => c !== wasm && c.available && untimedReason(c, wasm.probeMs ?? 0) === null,
  );
  return rivals.length === 0 ? 'wasm' : null;
}

/**
 * The order in which candidates are timed: wasm first (a reliable baseline that lets slow
 * candidates be cut short), then hardware GPUs, then cpu, then software GPUs last, so the
 * leftover work of an abandoned software probe delays nobody's timing.
 */
export function probeOrder(candidates: readonly BackendCandidate[]): BackendName[] {
  const rank = (c: BackendCandidate): number => {
    if (c.name === 'wasm') return 0;
    if (c.name === 'cpu') return 2;
    return c.software === true ? 3 : 1;
  };
  return candidates
    .filter((c) => c.available)
    .map((c, index) => ({ c, index }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.index - b.index)
    .map(({ c }) => c.name);
}

function fastest(candidates: readonly BackendCandidate[]): BackendName | undefined {
  let best: BackendCandidate | undefined;
  for (const c of candidates) {
    if (!c.available || c.probeMs === undefined || !Number.isFinite(c.probeMs)) continue;
    if (best === undefined || c.probeMs < (best.probeMs as number)) best = c;
  }
  if (best) return best.name;
  // nothing was timed: the first usable candidate, in the given order of preference
  return candidates.find((c) => c.available)?.name;
}

/**
 * Picks the backend: the requested one when it is usable, else (and for 'auto') the available
 * candidate with the smallest probe time. Throws when no candidate is usable.
 */
export function decideBackend(
  candidates: readonly BackendCandidate[],
  preference: BackendPreference,
): BackendDecision {
  if (preference !== 'auto') {
    const requested = candidates.find((c) => c.name === preference);
    if (requested?.available) return { active: preference, chosenBy: 'override' };
    const others = candidates.filter((c) => c.name !== preference);
    const active = fastest(others);
    if (active === undefined) throw new Error(`no usable backend (asked for ${preference})`);
    const why = requested?.reason ?? 'not a candidate here';
    return { active, chosenBy: 'fallback', reason: `${preference} is unusable: ${why}` };
  }
  const active = fastest(candidates);
  if (active === undefined) {
    const reasons = candidates.map((c) => `${c.name}: ${c.reason ?? 'unusable'}`).join('; ');
    throw new Error(`no usable backend (${reasons})`);
  }
  return { active, chosenBy: 'measured' };
}
