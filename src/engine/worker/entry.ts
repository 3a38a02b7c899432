/**
 * The engine worker (a module worker): registers the custom layers, exposes the engine through
 * comlink, and posts a 'engine-device-lost' event when the WebGPU device goes, so the client
 * replaces this worker.
 */
import { expose } from 'comlink';
import { registerCustomLayers } from '../layers/register';
import { installEngineErrorTransfer, type WorkerEvent } from '../protocol';
import { createEngine } from './engine';
import { WASM_ASSET_PATHS } from './wasmAssets';

const scope = self as unknown as DedicatedWorkerGlobalScope;

installEngineErrorTransfer();
registerCustomLayers();

const engine = createEngine({
  wasmPaths: WASM_ASSET_PATHS,
  onDeviceLost: (message) => {
    const event: WorkerEvent = { type: 'engine-device-lost', message };
    scope.postMessage(event);
  },
});

expose(engine, scope);
