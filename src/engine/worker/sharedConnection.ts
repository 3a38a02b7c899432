/**
 * One explorer's view of an engine shared by the explorers of a page (sharedEntry.ts). The
 * backend starts once; a zoo model loaded by several explorers is loaded once and freed when the
 * last one lets it go, and none can replace it with other files while another holds it. Long
 * calls get engine-wide request ids from the connection (one explorer can never cancel another's
 * map or experiment), and a connection that ends (its client restarted or left) stops its own
 * long calls and lets its models go. Models the user brings, training and the peers' operations
 * stay with dedicated engines: the shared one refuses them.
 */
import type { BackendInfo, InitOptions, LoadedModelInfo } from '../api';
import { ENGINE_OPERATIONS, type EngineApi, type OperationName } from '../operations';
import type { SomeOperation } from '../operationSpec';
import type { ModelManifest } from '../../models/manifest';
import { isOwnModelManifest } from '../../models/ownModelManifest';
import { EngineError } from '../core/errors';

/** Operations a shared engine does not offer, and why. */
const REFUSED: Partial<Record<OperationName, string>> = {
  train: 'the Training lab runs in the full explorer, not in embeds that share an engine',
  controlTraining: 'the Training lab runs in the full explorer, not in embeds that share an engine',
  crossSectionCells: 'peer shares are not taken by a shared engine',
  experimentShare: 'peer shares are not taken by a shared engine',
};

interface LoadedEntry {
  key: string;
  info: Promise<LoadedModelInfo>;
  holders: Set<number>;
}

/** A connection's side: what ends it. */
export interface SharedConnection {
  readonly api: EngineApi;
  /** stops this connection's long calls and lets its models go; later calls are refused */
  close(): void;
}

/** What the connections of one shared engine have in common. */
export class SharedEngineState {
  private started: Promise<BackendInfo> | null = null;
  private readonly loaded = new Map<string, LoadedEntry>();
  private nextConnection = 1;
  private nextRequestId = 1;

  constructor(
    readonly engine: EngineApi,
    /** this engine's id, reported in BackendInfo.sharedEngine */
    readonly id: string,
  ) {}

  /** how many connections hold model `id` (for tests) */
  holdersOf(id: string): number {
    return this.loaded.get(id)?.holders.size ?? 0;
  }

  connect(): SharedConnection {
    return new Connection(this, this.nextConnection++);
  }

  /** A request id no other call on this engine has had (ids only grow, as cancellation wants). */
  freshRequestId(): number {
    return this.nextRequestId++;
  }

  /** The first init starts the backend; later ones get the same start. */
  init(options: InitOptions): Promise<BackendInfo> {
    if (!this.started) {
      const starting = this.engine.init(options);
      this.started = starting;
      starting.catch(() => {
        if (this.started === starting) this.started = null;
      });
    }
    return this.started.then((info) => ({ ...info, sharedEngine: this.id }));
  }

  load(conn: number, manifest: ModelManifest, baseUrl: string): Promise<LoadedModelInfo> {
    if (typeof manifest?.id !== 'string') {
      return Promise.reject(new EngineError('invalid-argument', 'a manifest needs a string id'));
    }
    if (isOwnModelManifest(manifest)) {
      return Promise.reject(
        new EngineError(
          'invalid-argument',
          'models you bring run in the full explorer, not in embeds that share an engine',
        ),
      );
    }
    const key = JSON.stringify([manifest, baseUrl]);
    let entry = this.loaded.get(manifest.id);
    if (entry && entry.key !== key) {
      const others = [...entry.holders].filter((holder) => holder !== conn);
      if (others.length > 0) {
        return Promise.reject(
          new EngineError(
            'invalid-argument',
            `model ${manifest.id} is in use by another explorer of this page with other files`,
          ),
        );
      }
      entry = undefined;
    }
    if (!entry) {
      const info = this.engine.loadModel(manifest, baseUrl);
      const created: LoadedEntry = { key, info, holders: new Set() };
      entry = created;
      this.loaded.set(manifest.id, created);
      info.catch(() => {
        if (this.loaded.get(manifest.id) === created) this.loaded.delete(manifest.id);
      });
    }
    entry.holders.add(conn);
    return entry.info;
  }

  async unload(conn: number, id: string): Promise<void> {
    const entry = this.loaded.get(id);
    if (!entry?.holders.delete(conn)) return;
    if (entry.holders.size > 0) return;
    this.loaded.delete(id);
    await this.engine.unloadModel(id);
  }

  /** Every model `conn` holds, let go. */
  releaseAll(conn: number): void {
    for (const [id, entry] of [...this.loaded]) {
      if (entry.holders.has(conn)) this.unload(conn, id).catch(() => undefined);
    }
  }
}

type AnyMethod = (...wire: unknown[]) => Promise<unknown>;

class Connection implements SharedConnection {
  readonly api: EngineApi;
  private closed = false;
  /** this connection's long calls running now: its request id to the engine's */
  private readonly running = new Map<number, number>();

  constructor(
    private readonly shared: SharedEngineState,
    private readonly conn: number,
  ) {
    const { engine } = shared;
    const surface: Record<string, AnyMethod> = {};
    for (const name of Object.keys(ENGINE_OPERATIONS) as OperationName[]) {
      const { arity, flags }: SomeOperation = ENGINE_OPERATIONS[name];
      const method = engine[name] as unknown as AnyMethod;
      const refused = REFUSED[name];
      surface[name] = (...wire) => {
        if (this.closed) return Promise.reject(new EngineError('cancelled', 'connection closed'));
        if (refused) return Promise.reject(new EngineError('invalid-argument', refused));
        return flags.long === true ? this.long(method, arity, wire) : method(...wire);
      };
    }
    surface['init'] = (options) => this.open(() => shared.init(options as InitOptions));
    surface['loadModel'] = (manifest, baseUrl) =>
      this.open(() => shared.load(conn, manifest as ModelManifest, baseUrl as string));
    surface['unloadModel'] = (id) => this.open(() => shared.unload(conn, id as string));
    surface['cancel'] = (requestId) => this.open(() => this.cancel(requestId as number));
    // every method built from its table entry above; the types are the table's
    this.api = surface as unknown as EngineApi;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const requestId of [...this.running.keys()]) void this.cancel(requestId);
    this.shared.releaseAll(this.conn);
  }

  private open<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EngineError('cancelled', 'connection closed'));
    return work();
  }

  /** A long call under an engine-wide request id (the wire's id is this connection's). */
  private long(method: AnyMethod, arity: number, wire: unknown[]): Promise<unknown> {
    const ours = wire[arity];
    if (typeof ours !== 'number' || !Number.isFinite(ours)) {
      return Promise.reject(new EngineError('invalid-argument', 'a long call needs a request id'));
    }
    const engineId = this.shared.freshRequestId();
    this.running.set(ours, engineId);
    const args = [...wire.slice(0, arity), engineId, ...wire.slice(arity + 1)];
    return method(...args).finally(() => {
      if (this.running.get(ours) === engineId) this.running.delete(ours);
    });
  }

  /** Cancels this connection's call `requestId`; another's, or one that ended, is left alone. */
  private async cancel(requestId: number): Promise<void> {
    const engineId = this.running.get(requestId);
    if (engineId !== undefined) await this.shared.engine.cancel(engineId);
  }
}
