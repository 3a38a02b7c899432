/**
 * A port whose explorer went without a goodbye (its iframe's page crashed or was frozen and
 * discarded) is let go once it has been silent longer than any living client is: its models
 * are released, the other ports keep theirs.
 */
import { wrap } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { BackendInfo, LoadedModelInfo } from '../api';
import type { ModelManifest } from '../../models/manifest';
import type { EngineApi } from '../operations';
import { SharedEngineState } from './sharedConnection';
import { SharedPorts } from './sharedPorts';

const info = {
  active: 'wasm',
  adapter: 't',
  software: false,
  chosenBy: 'override',
  candidates: [],
  choiceMs: 1,
} as BackendInfo;
const loaded: LoadedModelInfo = {
  id: 'm',
  numClasses: 2,
  inputShape: [2, 1, 1],
  parameterCount: 0,
  notes: [],
  output: 'logits',
};

function engine(log: string[]): EngineApi {
  return {
    init: async () => info,
    loadModel: async () => (log.push('load'), loaded),
    unloadModel: async () => void log.push('unload'),
  } as Partial<EngineApi> as EngineApi;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('SharedPorts', () => {
  it('lets a silent port go after silentMs, with its models; a port that pings stays', async () => {
    let now = 0;
    const log: string[] = [];
    const ports = new SharedPorts({ silentMs: 300_000, now: () => now });
    const state = new SharedEngineState(engine(log), 's');
    const channels = [new MessageChannel(), new MessageChannel()];
    for (const { port2 } of channels) ports.accept(port2, state);
    const client = ({ port1 }: MessageChannel) => {
      port1.start();
      return { port: port1, api: wrap<EngineApi>(port1) };
    };
    const alive = client(channels[0] as MessageChannel);
    const gone = client(channels[1] as MessageChannel);
    const manifest = { id: 'm', url: 'm.json' } as ModelManifest;
    await alive.api.loadModel(manifest, 'http://x/');
    await gone.api.loadModel(manifest, 'http://x/');
    expect(state.holdersOf('m')).toBe(2);

    now = 200_000;
    alive.port.postMessage({ type: 'engine-ping', seq: 1 });
    await settle();
    ports.sweep();
    expect(ports.size).toBe(2); // 200 s of silence: a throttled background tab, not gone

    now = 320_000;
    ports.sweep();
    await settle();
    expect(ports.size).toBe(1);
    expect(state.holdersOf('m')).toBe(1);
    expect(log).not.toContain('unload'); // the living port still holds it

    now = 600_000;
    ports.sweep();
    await settle();
    expect(ports.size).toBe(0);
    expect(log).toContain('unload');
    for (const { port1 } of channels) port1.close();
  });
});
