import { describe, expect, it } from 'vitest';
import type { LoadedModelInfo } from '../engine/api';
import type { ModelManifest } from '../models/manifest';
import { loadWithMembers } from './loadWithMembers';

function manifest(id: string, members?: string[]): ModelManifest {
  return {
    id,
    title: id,
    dataset: 'mnist',
    classNames: ['0', '1'],
    inputShape: [28, 28, 1],
    modelInputShape: [784],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    output: 'logits',
    format: 'layers',
    url: `${id}/model.json`,
    architecture: 'test',
    ...(members ? { members } : {}),
  };
}

function recordingClient(order: string[]) {
  return {
    loadModel: async (m: ModelManifest): Promise<LoadedModelInfo> => {
      order.push(m.id);
      return {
        id: m.id,
        numClasses: 2,
        inputShape: [28, 28, 1],
        parameterCount: 0,
        notes: [],
        output: m.output,
      };
    },
  };
}

describe('loadWithMembers', () => {
  const models = [manifest('a'), manifest('b'), manifest('ens', ['a', 'b'])];

  it('loads an ensemble after each of its members', async () => {
    const order: string[] = [];
    const info = await loadWithMembers(recordingClient(order), models[2]!, models, '/');
    expect(order).toEqual(['a', 'b', 'ens']);
    expect(info.id).toBe('ens');
  });

  it('loads a plain model alone', async () => {
    const order: string[] = [];
    await loadWithMembers(recordingClient(order), models[0]!, models, '/');
    expect(order).toEqual(['a']);
  });

  it('names a missing member instead of loading a broken ensemble', async () => {
    const order: string[] = [];
    const broken = manifest('ens2', ['a', 'zzz']);
    await expect(loadWithMembers(recordingClient(order), broken, models, '/')).rejects.toThrow(
      'member "zzz"',
    );
    expect(order).not.toContain('ens2');
  });
});
