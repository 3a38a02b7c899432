/**
 * Backend choice inside the worker: find which of webgpu, webgl, wasm and cpu can run here, time
 * the probe workload on each (or take the user's override), activate the winner, and watch a
 * WebGPU device for loss.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { BackendCandidate, BackendInfo, BackendName } from '../api';
import { BACKEND_NAMES } from '../api';
import { EngineError } from '../core/errors';
import { registerBatchNormGradient } from '../core/batchNormGradient';
import { registerWasmFallbackKernels } from '../core/wasmFallbackKernels';
import { registerWasmMatMul } from '../core/wasmMatMul';
import { describeAdapter, isSoftwareAdapter, type AdapterStrings } from './adapterInfo';
import {
  decideBackend,
  probeBudgetMs,
  type BackendDecision,
  probeOrder,
  timeProbe,
  unrivalled,
  untimedReason,
  type BackendPreference,
} from './backendChoice';
import { createProbe } from './backendProbe';
import { likelyStart, machineKey, rememberedChoice, REMEMBERED_NOTE } from './backendMemory';
import { markStartup } from '../../shared/startupMarks';

/** Where the wasm backend finds its binaries: a folder prefix or one URL per file. */
export type WasmPaths = string | Record<WasmBinaryName, string>;
export type WasmBinaryName =
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

export interface BackendSetupOptions {
  preference: BackendPreference;
  wasmPaths?: WasmPaths;
  /** called once if the active WebGPU device is lost; the worker is unusable afterwards */
  onDeviceLost?: (message: string) => void;
  /** a choice measured before (RememberedBackend), as the page sent it: checked here */
  remembered?: unknown;
  /** give up on a candidate whose start and probe take longer (default 30 s) */
  probeTimeoutMs?: number;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

class Timeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Timeout(`${what} took longer than ${Math.round(ms)} ms`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function detectWebGpu(): Promise<BackendCandidate> {
  const unusable = (reason: string): BackendCandidate => ({
    name: 'webgpu',
    available: false,
    reason,
  });
  const gpu = typeof navigator === 'undefined' ? undefined : navigator.gpu;
  if (!gpu) return unusable('WebGPU is not exposed to workers in this browser');
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return unusable(`requestAdapter failed: ${messageOf(e)}`);
  }
  if (!adapter) return unusable('no WebGPU adapter');
  const info: AdapterStrings = adapter.info ?? {};
  return {
    name: 'webgpu',
    available: true,
    adapter: describeAdapter(info),
    software: isSoftwareAdapter(info),
  };
}

/** The renderer behind a WebGL context (unmasked when the browser allows it). */
function rendererOf(gl: WebGL2RenderingContext | WebGLRenderingContext): AdapterStrings {
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const vendor = gl.getParameter(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR) as unknown;
  const renderer = gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) as unknown;
  return { vendor: String(vendor), description: String(renderer) };
}

/** Looks at a throwaway context, so a software renderer is known before anything is timed. */
function detectWebGl(): BackendCandidate {
  const unusable = (reason: string): BackendCandidate => ({
    name: 'webgl',
    available: false,
    reason,
  });
  if (typeof OffscreenCanvas === 'undefined') return unusable('no OffscreenCanvas in this worker');
  const canvas = new OffscreenCanvas(1, 1);
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return unusable('no WebGL context in this worker');
  const strings = rendererOf(gl);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return {
    name: 'webgl',
    available: true,
    adapter: describeAdapter(strings),
    software: isSoftwareAdapter(strings),
  };
}

/** Whether WebAssembly is there; the backend's module loads when it is started (activate). */
function detectWasm(): BackendCandidate {
  return typeof WebAssembly === 'object'
    ? { name: 'wasm', available: true }
    : { name: 'wasm', available: false, reason: 'no WebAssembly in this browser' };
}

/**
 * Loads and sets up a backend's module. Only the backend that starts pays for it: a remembered
 * choice of wasm never fetches the WebGPU backend, nor parses it.
 */
async function loadBackendModule(name: BackendName, paths: WasmPaths | undefined): Promise<void> {
  if (name === 'webgl') {
    await import('@tensorflow/tfjs-backend-webgl');
  } else if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
    // Small ops would otherwise run on the CPU, hiding what the GPU kernels do.
    tf.env().set('WEBGPU_CPU_FORWARD', false);
  } else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (paths !== undefined && tf.engine().registry['wasm'] === undefined) {
      wasm.setWasmPaths(paths);
    }
    // tfjs 4.22's threaded build runs one thread whatever setThreadsCount asks (measured here,
    // tfjs issue #8513), and minified, its thread workers fail to start: on a cross-origin
    // isolated page the backend never became ready. The single-threaded SIMD build is as fast.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    // gradients of large batches: 10,000-image FGSM 17 s -> 6 s on 2 cores (bench/README.md)
    registerWasmMatMul();
    // conv nets (the CIFAR-10 model, own models): filter gradient missing, input gradient slow
    registerWasmFallbackKernels();
  }
}

async function detect(name: BackendName): Promise<BackendCandidate> {
  switch (name) {
    case 'webgpu':
      return detectWebGpu();
    case 'webgl':
      return detectWebGl();
    case 'wasm':
      return detectWasm();
    case 'cpu':
      return { name: 'cpu', available: true };
  }
}

async function wasmDescription(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `WebAssembly${simd ? ' SIMD' : ''}${threads ? ', multithreaded' : ''}`;
}

/** Switches tfjs to `name`; fills in what only the started backend can tell. */
async function activate(candidate: BackendCandidate, paths: WasmPaths | undefined): Promise<void> {
  await loadBackendModule(candidate.name, paths);
  const ok = await tf.setBackend(candidate.name);
  if (!ok) throw new Error(`${candidate.name} failed to start`);
  await tf.ready();
  if (candidate.name === 'wasm') {
    candidate.adapter = await wasmDescription();
    candidate.software = false;
  } else if (candidate.name === 'cpu') {
    candidate.adapter = 'JavaScript (no acceleration)';
    candidate.software = false;
  }
}

/**
 * Starts the candidate and times the probe on it. A failure makes it unusable; a software GPU
 * that runs out of its short budget stays usable (for an override) but untimed, so auto never
 * picks it.
 */
async function probe(
  candidate: BackendCandidate,
  bestSoFarMs: number | undefined,
  timeoutMs: number,
  paths: WasmPaths | undefined,
): Promise<void> {
  const untimed = untimedReason(candidate, bestSoFarMs);
  if (untimed !== null) {
    candidate.note = untimed;
    return;
  }
  try {
    await withTimeout(activate(candidate, paths), timeoutMs, `starting ${candidate.name}`);
  } catch (e) {
    candidate.available = false;
    candidate.reason = messageOf(e);
    return;
  }
  const budget = probeBudgetMs(candidate.software === true, bestSoFarMs, timeoutMs);
  let stopped = false;
  const workload = createProbe();
  const timing = timeProbe(() => workload.runOnce(), {
    bestSoFarMs,
    shouldStop: () => stopped,
  }).finally(() => workload.dispose());
  try {
    candidate.probeMs = await withTimeout(timing, budget, `timing ${candidate.name}`);
  } catch (e) {
    // no further runs; the one in flight finishes on its own backend and is freed
    stopped = true;
    timing.catch(() => undefined);
    if (e instanceof Timeout && candidate.software === true) {
      candidate.note = `software adapter (CPU-emulated): timing stopped after ${Math.round(budget)} ms`;
      return;
    }
    candidate.available = false;
    candidate.reason = messageOf(e);
  }
}

function watchDeviceLoss(onLost: (message: string) => void): void {
  const backend = tf.backend() as WebGPUBackend;
  void backend.device.lost.then((info) => {
    onLost(`WebGPU device lost (${info.reason}): ${info.message}`);
  });
}

/**
 * Starts `name` without timing anything, noting on each other usable candidate why it was not
 * timed; false (and `name` marked unusable when it failed to start) sends the engine probing.
 */
async function startUntimed(
  name: BackendName | null,
  candidates: readonly BackendCandidate[],
  note: (other: BackendCandidate) => string | null,
  options: BackendSetupOptions,
  timeoutMs: number,
): Promise<boolean> {
  const candidate = candidates.find((c) => c.name === name);
  if (!candidate) return false;
  try {
    await withTimeout(activate(candidate, options.wasmPaths), timeoutMs, `starting ${name}`);
  } catch (e) {
    candidate.available = false;
    candidate.reason = messageOf(e);
    return false;
  }
  for (const other of candidates) {
    const why = other !== candidate && other.available ? note(other) : null;
    if (why !== null) other.note = why;
  }
  return true;
}

/**
 * Starts without probing when probing cannot change the answer: a choice remembered for this
 * browser and adapters, or wasm with no rival worth timing. Null: probe.
 */
async function startWithoutProbes(
  options: BackendSetupOptions,
  machine: string,
  candidates: readonly BackendCandidate[],
  timeoutMs: number,
): Promise<BackendDecision | null> {
  if (options.preference !== 'auto') return null;
  const remembered = rememberedChoice(options.remembered, machine, candidates);
  if (await startUntimed(remembered, candidates, () => REMEMBERED_NOTE, options, timeoutMs)) {
    return { active: remembered as BackendName, chosenBy: 'remembered' };
  }
  const only = unrivalled(candidates);
  const why = (other: BackendCandidate) => untimedReason(other, 0);
  if (await startUntimed(only, candidates, why, options, timeoutMs)) {
    return { active: only as BackendName, chosenBy: 'elimination' };
  }
  return null;
}

/**
 * Starts `name` before detection has decided anything: its module, binary and set-up overlap the
 * detection of the GPUs. Settles either way; the decision activates (again, cheaply) what it picks.
 */
async function startEarly(
  name: BackendName,
  paths: WasmPaths | undefined,
  timeoutMs: number,
): Promise<void> {
  markStartup(`early-start:${name}`);
  try {
    await withTimeout(activate({ name, available: true }, paths), timeoutMs, `starting ${name}`);
  } catch {
    // the decision below starts what it picks and reports its failure
  }
}

/** Why a candidate has no detection result: another backend was asked for by name. */
export const NOT_DETECTED = 'not detected: another backend was asked for by name';

/**
 * Detects, times and activates a backend, as asked by `preference`; with 'auto', a remembered
 * choice for this browser and adapters is started without timing anything.
 */
export async function setUpBackend(options: BackendSetupOptions): Promise<BackendInfo> {
  const start = performance.now();
  const timeoutMs = options.probeTimeoutMs ?? 30_000;
  const paths = options.wasmPaths;
  // batch-normalised conv nets: the same gradient, without tfjs' full-size Tile
  registerBatchNormGradient();
  const detected = new Map<BackendName, BackendCandidate>();
  // all at once: the WebGL context is made while the WebGPU adapter is on its way
  const detectAll = async (): Promise<BackendCandidate[]> =>
    Promise.all(
      BACKEND_NAMES.map(async (name) => {
        const known = detected.get(name);
        if (known) return known;
        const candidate = await detect(name);
        detected.set(name, candidate);
        markStartup(`detected:${name}`);
        return candidate;
      }),
    );

  let decision: BackendDecision | null = null;
  let machine: string | undefined;
  if (options.preference === 'auto') {
    const userAgent = typeof navigator === 'undefined' ? 'node' : navigator.userAgent;
    // the likely answer starts beside detection; awaited before anything else starts a backend
    const early = startEarly(likelyStart(options.remembered, userAgent), paths, timeoutMs);
    const all = await detectAll();
    await early;
    machine = machineKey(userAgent, all);
    decision = await startWithoutProbes(options, machine, all, timeoutMs);
  } else {
    // chosen by name: the others are detected only if it fails (a GPU context costs ~1 s here)
    const requested = await detect(options.preference);
    detected.set(requested.name, requested);
    if (requested.available) {
      try {
        await withTimeout(activate(requested, paths), timeoutMs, `starting ${requested.name}`);
        decision = { active: requested.name, chosenBy: 'override' };
      } catch (e) {
        requested.available = false;
        requested.reason = messageOf(e);
      }
    }
  }
  if (decision === null) {
    const all = await detectAll();
    let best: number | undefined;
    for (const name of probeOrder(all)) {
      if (name === options.preference) continue;
      await probe(detected.get(name) as BackendCandidate, best, timeoutMs, paths);
      markStartup(`probed:${name}`);
      const ms = detected.get(name)?.probeMs;
      if (ms !== undefined) best = Math.min(best ?? Infinity, ms);
    }
  }
  const candidates = BACKEND_NAMES.map(
    (name): BackendCandidate =>
      detected.get(name) ?? { name, available: false, reason: NOT_DETECTED },
  );

  try {
    decision ??= decideBackend(candidates, options.preference);
  } catch (e) {
    throw new EngineError('backend-unavailable', messageOf(e));
  }
  const active = detected.get(decision.active) as BackendCandidate;
  if (tf.getBackend() !== active.name) {
    try {
      await activate(active, paths);
    } catch (e) {
      throw new EngineError('backend-unavailable', `${active.name}: ${messageOf(e)}`);
    }
  }
  if (active.name === 'webgpu' && options.onDeviceLost) watchDeviceLoss(options.onDeviceLost);
  markStartup(`backend-ready:${active.name}`);

  return {
    active: active.name,
    adapter: active.adapter ?? active.name,
    software: active.software ?? false,
    chosenBy: decision.chosenBy,
    candidates,
    ...(machine !== undefined ? { machine } : {}),
    choiceMs: performance.now() - start,
    requested: options.preference,
    ...(decision.reason !== undefined ? { reason: decision.reason } : {}),
  };
}
