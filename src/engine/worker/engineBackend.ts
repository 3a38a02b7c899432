/**
 * The engine's backend from start to device loss: started once (again after a failed start or a
 * new preference), awaited by every call that computes, and, once the WebGPU device is lost,
 * silent: the engine answers nothing more, not even the errors of the dead device, so the client
 * replaces the worker and replays its calls.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo, BackendName } from '../api';
import { EngineError, toEngineErrorData } from '../core';
import { setUpBackend, type WasmPaths } from './backend';
import type { BackendPreference } from './backendChoice';

export interface EngineBackendOptions {
  /** where the wasm backend finds its binaries, unless init names another place */
  wasmPaths?: WasmPaths;
  /** told when the active WebGPU device is lost */
  onDeviceLost?: (message: string) => void;
}

/** Every error leaves the engine as an EngineError, so its code survives the boundary. */
function asEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  const { code, message } = toEngineErrorData(e);
  return new EngineError(code, message, { cause: e });
}

const silence = <T>(): Promise<T> => new Promise<T>(() => undefined);

export class EngineBackend {
  private starting: Promise<BackendInfo> | null = null;
  private deviceLost = false;

  constructor(private readonly options: EngineBackendOptions) {}

  /** Starts the backend with this preference (a failed start is not kept: the next call retries). */
  start(
    preference: BackendPreference,
    wasmBaseUrl?: string,
    remembered?: unknown,
  ): Promise<BackendInfo> {
    const wasmPaths = wasmBaseUrl ?? this.options.wasmPaths;
    const starting = setUpBackend({
      preference,
      ...(wasmPaths !== undefined ? { wasmPaths } : {}),
      remembered,
      onDeviceLost: (message) => {
        this.deviceLost = true;
        this.options.onDeviceLost?.(message);
      },
    });
    starting.catch(() => {
      if (this.starting === starting) this.starting = null;
    });
    this.starting = starting;
    return starting;
  }

  /** The started backend, starting it by measurement when nothing asked for one yet. */
  ready(): Promise<BackendInfo> {
    return this.starting ?? this.start('auto');
  }

  /** the active tfjs backend */
  name(): BackendName {
    return tf.getBackend() as BackendName;
  }

  /** Runs `work`; its errors leave as EngineErrors, and after device loss nothing answers. */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.deviceLost) return silence();
    let result: T;
    try {
      result = await work();
    } catch (e) {
      if (this.deviceLost) return silence();
      throw asEngineError(e);
    }
    return this.deviceLost ? silence() : result;
  }
}
