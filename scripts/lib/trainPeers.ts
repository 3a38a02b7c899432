/**
 * Peers for `npm run train -- --workers N` and the training benches: N - 1 worker threads
 * (trainPeer.ts), each with its own tfjs backend (wasm runs one thread: one engine, one core),
 * that compute shares of every step's batch (the shared core's data-parallel step,
 * src/engine/core/training/stepShare.ts). A peer that fails is dropped and its shares are
 * computed by the main thread.
 */
import { Worker } from 'node:worker_threads';
import type { PeerTrainShare, ShareGradients } from '../../src/engine/core/training/stepShare';
import type { TrainPeers } from '../../src/engine/core/training/trainStep';
import type { FromPeer, PeerInit, ToPeer } from './trainPeerProtocol';

interface Pending {
  resolve: (result: ShareGradients) => void;
  reject: (error: Error) => void;
}

interface Peer {
  worker: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

/**
 * A worker running a TypeScript file: tsx's loader is registered in the worker first (tsx does
 * not carry its hooks into worker threads by itself).
 */
function tsWorker(file: URL): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const code =
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); ` +
    `return import(${JSON.stringify(file.href)}); });`;
  return new Worker(code, { eval: true });
}

/** The part of an array a share covers, copied: posting a view would copy its whole buffer. */
function own<T extends Float32Array | Int32Array>(a: T): T {
  return a.slice() as T;
}

export class NodeTrainPeers implements TrainPeers {
  private readonly peers: Peer[] = [];
  private nextId = 0;
  private turn = 0;

  /** Starts `count` peers and waits until each has built the network. */
  static async start(count: number, init: PeerInit): Promise<NodeTrainPeers> {
    const pool = new NodeTrainPeers();
    try {
      await Promise.all(Array.from({ length: count }, () => pool.spawn(init)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** This thread and the live peers. */
  get ways(): number {
    return 1 + this.peers.filter((p) => p.alive).length;
  }

  run(share: PeerTrainShare): Promise<ShareGradients> {
    const live = this.peers.filter((p) => p.alive);
    const peer = live[this.turn++ % Math.max(1, live.length)];
    if (!peer) return Promise.reject(new Error('no live peer'));
    const id = this.nextId++;
    const message: ToPeer = {
      type: 'share',
      id,
      share: {
        ...share,
        x: own(share.x),
        labels: own(share.labels),
        masks: share.masks.map(own),
      },
    };
    const s = message.share;
    const buffers = [s.x, s.labels, ...s.masks, ...s.weights].map((a) => a.buffer as ArrayBuffer);
    return new Promise<ShareGradients>((resolve, reject) => {
      peer.pending.set(id, { resolve, reject });
      peer.worker.postMessage(message, buffers);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.peers.map((p) => this.drop(p, new Error('the peers were closed'))));
  }

  private spawn(init: PeerInit): Promise<void> {
    const worker = tsWorker(new URL('./trainPeer.ts', import.meta.url));
    const peer: Peer = { worker, pending: new Map(), alive: true };
    this.peers.push(peer);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromPeer) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'result') {
          peer.pending.get(message.id)?.resolve(message.result);
          peer.pending.delete(message.id);
        } else if (message.id === null) {
          reject(new Error(`a training peer failed to start: ${message.message}`));
        } else {
          peer.pending.get(message.id)?.reject(new Error(message.message));
          peer.pending.delete(message.id);
        }
      });
      const lost = (error: Error): void => {
        reject(error);
        void this.drop(peer, error);
      };
      worker.on('error', lost);
      worker.on('exit', (code) => lost(new Error(`a training peer exited (code ${code})`)));
      worker.postMessage({ type: 'init', init } satisfies ToPeer);
    });
  }

  private async drop(peer: Peer, reason: Error): Promise<void> {
    if (!peer.alive) return;
    peer.alive = false;
    for (const p of peer.pending.values()) p.reject(reason);
    peer.pending.clear();
    await peer.worker.terminate();
  }
}
