/**
 * Backend choice for the Node scripts: tfjs WebGPU over Dawn (the `webgpu` package) when a GPU
 * adapter exists, else wasm, else cpu. See ../shared/gpu/README.md for the Dawn quirks handled here.
 */
import * as tf from '@tensorflow/tfjs';
import { registerBatchNormGradient } from '../../src/engine/core/batchNormGradient';
import { registerWasmFallbackKernels } from '../../src/engine/core/wasmFallbackKernels';
import { registerWasmMatMul } from '../../src/engine/core/wasmMatMul';

export type NodeBackend = 'webgpu' | 'wasm' | 'cpu';
export const NODE_BACKENDS: readonly NodeBackend[] = ['webgpu', 'wasm', 'cpu'];

export interface BackendChoice {
  name: NodeBackend;
  /** GPU adapter description, or 'cpu' */
  adapter: string;
  /** why the preferred backends were skipped */
  skipped: string[];
}

interface GpuRequestOptions {
  requiredFeatures?: unknown;
}
interface GpuAdapterLike {
  features: { has(name: string): boolean };
  info?: { vendor?: string; description?: string; architecture?: string };
  requestDevice(options?: GpuRequestOptions): Promise<unknown>;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

let usingDawn = false;

async function tryWebGpu(): Promise<string> {
  const dawn = (await import('webgpu')) as unknown as {
    create(options: string[]): GpuLike;
    globals: object;
  };
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter();
  if (adapter === null) throw new Error('Dawn found no GPU adapter');
  // tfjs-backend-webgpu 4.22 passes requiredFeatures as a nested array; Dawn wants a flat list
  // of features the adapter has.
  const proto = Object.getPrototypeOf(adapter) as GpuAdapterLike;
  const requestDevice = proto.requestDevice;
  proto.requestDevice = function (this: GpuAdapterLike, options?: GpuRequestOptions) {
    const wanted = [options?.requiredFeatures]
      .flat(3)
      .filter((f): f is string => typeof f === 'string');
    const requiredFeatures = wanted.filter((f) => this.features.has(f));
    return requestDevice.call(this, { ...options, requiredFeatures });
  };
  // The backend registers itself at import time only when navigator.gpu exists.
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu },
    configurable: true,
    writable: true,
  });
  usingDawn = true;
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('tf.setBackend("webgpu") failed');
  const info = adapter.info;
  return [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'gpu';
}

async function tryWasm(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") failed');
  registerWasmMatMul();
  registerWasmFallbackKernels();
}

/**
 * Activates the requested backend, or the best available one for 'auto'. An explicitly
 * requested backend that fails is an error, not a silent fallback.
 */
export async function chooseBackend(
  requested: NodeBackend | 'auto' = 'auto',
): Promise<BackendChoice> {
  const order = requested === 'auto' ? NODE_BACKENDS : [requested];
  const skipped: string[] = [];
  registerBatchNormGradient();
  for (const name of order) {
    try {
      let adapter = 'cpu';
      if (name === 'webgpu') adapter = await tryWebGpu();
      else if (name === 'wasm') await tryWasm();
      else if (!(await tf.setBackend('cpu'))) throw new Error('tf.setBackend("cpu") failed');
      await tf.ready();
      return { name, adapter, skipped };
    } catch (error) {
      releaseBackend();
      const reason = `${name}: ${error instanceof Error ? error.message : String(error)}`;
      if (requested !== 'auto') throw new Error(`backend ${reason}`, { cause: error });
      skipped.push(reason);
    }
  }
  throw new Error(`no tfjs backend available (${skipped.join('; ')})`);
}

/** Drops the Dawn navigator shim, without which node keeps running after a WebGPU job. */
export function releaseBackend(): void {
  if (usingDawn) {
    Reflect.deleteProperty(globalThis, 'navigator');
    usingDawn = false;
  }
}

export function parseBackend(value: string | undefined): NodeBackend | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if ((NODE_BACKENDS as readonly string[]).includes(value)) return value as NodeBackend;
  throw new Error(`unknown backend "${value}" (expected auto, ${NODE_BACKENDS.join(', ')})`);
}
