/**
 * The engine as a SharedWorker: the explorers of a page (iframes and elements from the
 * explorer's own origin) connect to one engine, with one backend and one model cache, each
 * through its own port and its own view of it (sharedPorts.ts, sharedConnection.ts). Its peers are
 * dedicated workers started from here (entry.ts, by name) where the browser lets a shared worker
 * start workers (Chromium does not: there it computes alone).
 */
import { registerCustomLayers } from '../layers/register';
import { installEngineErrorTransfer } from '../protocol';
import { createEngine } from './engine';
import { PeerPool } from './peerPool';
import { SharedEngineState } from './sharedConnection';
import { SharedPorts } from './sharedPorts';
import { WASM_ASSET_PATHS } from './wasmAssets';
import { markStartup } from '../../shared/startupMarks';

const scope = self as unknown as SharedWorkerGlobalScope;
const PEER_NAME = 'adversarial-explorer-engine-peer';
const peerCount = Math.min(3, Math.max(0, (navigator.hardwareConcurrency || 1) - 1));

markStartup('worker-start');
installEngineErrorTransfer();
registerCustomLayers();

const ports = new SharedPorts();

const canSpawn = typeof Worker !== 'undefined' && peerCount > 0;
const engine = createEngine({
  wasmPaths: WASM_ASSET_PATHS,
  work: ports.work,
  ...(canSpawn
    ? {
        peers: new PeerPool({
          size: peerCount,
          spawn: () =>
            new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name: PEER_NAME }),
        }),
      }
    : {}),
  onDeviceLost: (message) => ports.broadcast({ type: 'engine-device-lost', message }),
});
const shared = new SharedEngineState(
  engine,
  `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
);

// explorers that left without a goodbye (a crashed or discarded page) free their models
setInterval(() => ports.sweep(), 30_000);

scope.addEventListener('connect', (event: MessageEvent) => {
  const port = event.ports[0];
  if (port) ports.accept(port, shared);
});
