/**
 * Peer engines for the cross-section maps and the test-set attacks: tfjs's wasm backend runs one
 * thread (its threaded build does not start more, README: Performance), so on a CPU backend the
 * engine worker starts copies of itself, one per spare core, loads the same models there in the
 * background, and lets them compute shares of every map chunk and of every chunk of a test-set
 * attack meanwhile (src/engine/core/peerShares.ts), through the operations the table gives
 * audience 'peers'. A peer that fails, dies or stalls is dropped and its share computed by the
 * engine itself.
 */
import { releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { BackendName, TensorMemory } from '../api';
import type { EngineApi } from '../operations';
import type { PeerCells, PeerShares } from '../core';
import type { PeerAttackShares } from '../core/experiments';
import type { ModelManifest } from '../../models/manifest';
import type { LabNetwork, PeerTrainShare, ShareGradients } from '../trainingTypes';

export interface PeerPoolOptions {
  /** starts one peer: the engine's own worker script, told it is a peer */
  spawn: () => Worker;
  /** how many peers to start on a CPU backend */
  size: number;
  /**
   * a share that takes longer drops its peer (default 30 s: a conv net's share on a slow
   * machine); starting a peer and loading a model may take LOAD_TIMEOUT_FACTOR times as long
   */
  timeoutMs?: number;
}

interface Peer {
  worker: Worker;
  api: Remote<EngineApi>;
  /** models this peer has loaded and can evaluate */
  ready: Set<string>;
  /** loads run one after another, in the order the engine loaded them (members before ensembles) */
  queue: Promise<unknown>;
  /** rejects when the peer is dropped: its worker failed, or a call took too long */
  lost: Promise<never>;
  markLost: (reason: Error) => void;
  alive: boolean;
}

/** Starting a peer and loading a model into it may take this many times a share's limit. */
const LOAD_TIMEOUT_FACTOR = 4;

/** What the engine uses of a pool (a test can hand it a stand-in). */
export type EnginePeers = Pick<
  PeerPool,
  'start' | 'load' | 'unload' | 'sharesFor' | 'sharesAny' | 'plannedFor' | 'memory'
>;

/** Sends one share to a peer engine: a call of an operation of audience 'peers'. */
export type SendShare<Share, Outcome> = (api: Remote<EngineApi>, share: Share) => Promise<Outcome>;

/** The peers holding this model, as takers of a map's cells; undefined when none does. */
export function peerCells(peers: EnginePeers, modelId: string): PeerCells | undefined {
  return peers.sharesFor(modelId, (api, { plane, a, b }) =>
    api.crossSectionCells(modelId, plane, a, b),
  );
}

/** The same peers for the shares of a test-set attack. */
export function peerAttackShares(
  peers: EnginePeers,
  modelId: string,
): PeerAttackShares | undefined {
  return peers.sharesFor(modelId, (api, share) => api.experimentShare(share));
}

/** A share's own copy of its rows: posting a view would copy the whole batch behind it. */
function ownedShare(share: PeerTrainShare): { share: PeerTrainShare; buffers: ArrayBuffer[] } {
  const own: PeerTrainShare = {
    ...share,
    x: share.x.slice(),
    labels: share.labels.slice(),
    masks: share.masks.map((m) => m.slice()),
  };
  const arrays = [own.x, own.labels, ...own.masks, ...own.weights];
  return { share: own, buffers: arrays.map((a) => a.buffer as ArrayBuffer) };
}

/**
 * A peer taking a Training lab step's share (the share carries the weights, so any live peer
 * will do; it rebuilds the network once); undefined when no peer runs.
 */
export function peerTrainShares(
  peers: EnginePeers,
  network: LabNetwork,
): ((share: PeerTrainShare) => Promise<ShareGradients>) | undefined {
  const takers = peers.sharesAny<PeerTrainShare, ShareGradients>((api, whole) => {
    const { share, buffers } = ownedShare(whole);
    return api.trainShare(network, transfer(share, buffers));
  });
  return takers && ((share) => takers.run(share));
}

/** Backends where peers add cores; on a GPU they would only queue on the same device. */
const CPU_BACKENDS: ReadonlySet<BackendName> = new Set(['wasm', 'cpu']);

export class PeerPool {
  private peers: Peer[] = [];
  private backend: BackendName | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly options: PeerPoolOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Peers for this backend: started on a CPU backend (once), none on a GPU one. */
  start(backend: BackendName): void {
    if (this.backend === backend) return;
    this.stop();
    this.backend = backend;
    if (!CPU_BACKENDS.has(backend)) return;
    for (let i = 0; i < this.options.size; i++) {
      const peer = this.spawnPeer(backend);
      if (!peer) break;
      this.peers.push(peer);
    }
  }

  /** Loads the model into every peer, in the background; a peer that fails it just skips it. */
  load(manifest: ModelManifest, baseUrl: string): void {
    for (const peer of this.live()) {
      peer.ready.delete(manifest.id);
      peer.queue = peer.queue
        // a model may come over a slow network: loads get longer than shares
        .then(() => this.guard(peer, peer.api.loadModel(manifest, baseUrl), LOAD_TIMEOUT_FACTOR))
        .then(
          () => peer.ready.add(manifest.id),
          () => peer.ready.delete(manifest.id),
        );
    }
  }

  unload(id: string): void {
    for (const peer of this.live()) {
      peer.ready.delete(id);
      peer.queue = peer.queue
        .then(() => this.guard(peer, peer.api.unloadModel(id)))
        .catch(() => {});
    }
  }

  /**
   * The peers that hold this model now, taking shares in turn (one share each); undefined when
   * none does.
   */
  sharesFor<Share, Outcome>(
    modelId: string,
    send: SendShare<Share, Outcome>,
  ): PeerShares<Share, Outcome> | undefined {
    const ready = this.live().filter((peer) => peer.ready.has(modelId));
    if (ready.length === 0) return undefined;
    let next = 0;
    return {
      ways: ready.length + 1,
      run: (share: Share): Promise<Outcome> => {
        const peer = ready[next++ % ready.length] as Peer;
        if (!peer.alive) return Promise.reject(new Error('peer lost'));
        return this.guard(peer, send(peer.api, share));
      },
    };
  }

  /** Every running peer, taking shares that need no model loaded (a training step's). */
  sharesAny<Share, Outcome>(
    send: SendShare<Share, Outcome>,
  ): PeerShares<Share, Outcome> | undefined {
    const live = this.live();
    if (live.length === 0) return undefined;
    let next = 0;
    return {
      ways: live.length + 1,
      run: (share: Share): Promise<Outcome> => {
        const peer = live[next++ % live.length] as Peer;
        if (!peer.alive) return Promise.reject(new Error('peer lost'));
        return this.guard(peer, send(peer.api, share));
      },
    };
  }

  /** How many peers start on this backend: the pool's size on a CPU backend, none on a GPU. */
  plannedFor(backend: BackendName): number {
    return CPU_BACKENDS.has(backend) ? this.options.size : 0;
  }

  /** Resolves when every peer has finished what it was asked so far (start, loads). */
  async whenSettled(): Promise<void> {
    await Promise.all(this.live().map((peer) => peer.queue.catch(() => {})));
  }

  /** Each running peer's tensors and bytes, once it has done what it was asked so far. */
  async memory(): Promise<TensorMemory[]> {
    const answers = await Promise.all(
      this.live().map((peer) =>
        peer.queue
          .catch(() => {})
          .then(() => this.guard(peer, peer.api.memory()))
          .then(({ numTensors, numBytes }) => ({ numTensors, numBytes }))
          .catch(() => null),
      ),
    );
    // a peer dropped meanwhile holds no memory any more
    return answers.filter((answer): answer is TensorMemory => answer !== null);
  }

  /** How many peers are running (for the status line and tests). */
  get size(): number {
    return this.live().length;
  }

  stop(): void {
    for (const peer of this.peers) this.drop(peer);
    this.peers = [];
    this.backend = null;
  }

  private live(): Peer[] {
    return this.peers.filter((peer) => peer.alive);
  }

  private spawnPeer(backend: BackendName): Peer | null {
    let worker: Worker;
    try {
      worker = this.options.spawn();
    } catch {
      // e.g. the engine script is on another origin (an embed): no peers, the engine works alone
      return null;
    }
    let markLost: (reason: Error) => void = () => {};
    const lost = new Promise<never>((_, reject) => {
      markLost = reject;
    });
    lost.catch(() => {});
    const api = wrap<EngineApi>(worker);
    const peer: Peer = {
      worker,
      api,
      ready: new Set(),
      queue: Promise.resolve(),
      lost,
      markLost,
      alive: true,
    };
    worker.addEventListener('error', () => this.drop(peer));
    peer.queue = this.guard(peer, api.init({ backend }), LOAD_TIMEOUT_FACTOR).catch(() =>
      this.drop(peer),
    );
    return peer;
  }

  /** The call's result, unless the peer is lost or takes too long first (then it is dropped). */
  private guard<T>(peer: Peer, call: Promise<T>, factor = 1): Promise<T> {
    const limitMs = this.timeoutMs * factor;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.drop(peer);
        reject(new Error(`peer did not answer within ${limitMs} ms`));
      }, limitMs);
    });
    return Promise.race([call, peer.lost, timeout]).finally(() => clearTimeout(timer));
  }

  private drop(peer: Peer): void {
    if (!peer.alive) return;
    peer.alive = false;
    peer.ready.clear();
    peer.markLost(new Error('peer worker dropped'));
    peer.api[releaseProxy]();
    peer.worker.terminate();
  }
}
