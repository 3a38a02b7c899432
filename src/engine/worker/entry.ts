/**
 * The engine worker (a module worker): registers the custom layers, exposes the engine through
 * comlink, answers the client's heartbeat and announces the engine's work (heartbeat.ts), and
 * posts a 'engine-device-lost' event when the WebGPU device goes, so the client replaces this
 * worker. The engine starts copies of this script as its peers (peerPool.ts); a
 * copy knows it is one by its worker name and starts none itself.
 */
import { expose } from 'comlink';
import { registerCustomLayers } from '../layers/register';
import { installEngineErrorTransfer, type WorkerEvent } from '../protocol';
import { createEngine } from './engine';
import { answerHeartbeats } from './heartbeat';
import { PeerPool } from './peerPool';
import { WASM_ASSET_PATHS } from './wasmAssets';
import { markStartup } from '../../shared/startupMarks';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const PEER_NAME = 'adversarial-explorer-engine-peer';
const isPeer = scope.name === PEER_NAME;
/** one peer per core besides the one this engine runs on, at most three */
const peerCount = Math.min(3, Math.max(0, (navigator.hardwareConcurrency || 1) - 1));

markStartup('worker-start');
installEngineErrorTransfer();
registerCustomLayers();

const engine = createEngine({
  wasmPaths: WASM_ASSET_PATHS,
  // peers are watched by their pool (peerPool.ts), not by heartbeats
  ...(isPeer ? {} : { work: answerHeartbeats(scope) }),
  ...(isPeer || peerCount === 0
    ? {}
    : {
        peers: new PeerPool({
          size: peerCount,
          spawn: () => new Worker(import.meta.url, { type: 'module', name: PEER_NAME }),
        }),
      }),
  onDeviceLost: (message) => {
    const event: WorkerEvent = { type: 'engine-device-lost', message };
    scope.postMessage(event);
  },
});

expose(engine, scope);
