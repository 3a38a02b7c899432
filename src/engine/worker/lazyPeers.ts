/**
 * The engine's side of its peers (peerPool.ts): they start at the first map or experiment, not
 * with the engine, so a page that never asks for one (a course page with several embeds) spends
 * no memory on them. Until then the models they should hold are remembered, in load order; that
 * first call runs on this engine alone.
 */
import type { BackendInfo, BackendName } from '../api';
import type { ModelManifest } from '../../models/manifest';
import type { EnginePeers } from './peerPool';

export class LazyPeers {
  private readonly loads = new Map<string, { manifest: ModelManifest; baseUrl: string }>();
  private started = false;

  constructor(
    /** the pool, or undefined for an engine without peers (a peer itself, tests, Node) */
    readonly pool: EnginePeers | undefined,
    /** the engine's backend, once started: peers start on the same one */
    private readonly ready: () => Promise<BackendInfo>,
  ) {}

  /** The backend info with the peers the maps and test-set attacks get on its backend. */
  describe(info: BackendInfo): BackendInfo {
    return { ...info, peers: this.pool?.plannedFor(info.active) ?? 0 };
  }

  /** The peers should hold this model too: now if they run, else once they start. */
  share(manifest: ModelManifest, baseUrl: string): void {
    this.loads.delete(manifest.id);
    this.loads.set(manifest.id, { manifest, baseUrl });
    if (this.started) this.pool?.load(manifest, baseUrl);
  }

  unload(id: string): void {
    this.loads.delete(id);
    if (this.started) this.pool?.unload(id);
  }

  /** Starts the peers on the engine's backend (once) and loads the remembered models. */
  async start(): Promise<void> {
    if (this.started || !this.pool) return;
    const active: BackendName = (await this.ready()).active;
    if (this.started) return;
    this.started = true;
    this.pool.start(active);
    for (const { manifest, baseUrl } of this.loads.values()) this.pool.load(manifest, baseUrl);
  }
}
