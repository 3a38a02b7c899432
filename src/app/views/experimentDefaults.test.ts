import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../models/manifest';
import { defaultModels } from './experimentDefaults';

const m = (id: string, members?: string[]): ModelManifest =>
  ({
    id,
    title: id,
    dataset: 'mnist',
    classNames: ['0', '1'],
    inputShape: [28, 28, 1],
    preprocessing: { recipe: 'mnist', colour: 'grey', range: '0-1' },
    ...(members && { members }),
  }) as ModelManifest;

const all = [
  m('mnist-softmax'),
  m('mnist-maxout'),
  m('mnist-maxout-adv'),
  m('s1'),
  m('s2'),
  m('mnist-maxout-ensemble', ['s1', 's2']),
];

describe('defaultModels', () => {
  it("starts from the sidebar's model; transfer pairs it with its adversarially trained twin", () => {
    const d = defaultModels(all, all, all[1]);
    expect(d.transfer).toEqual(['mnist-maxout', 'mnist-maxout-adv']);
    expect(d.attack).toEqual(['mnist-maxout', 'mnist-maxout-adv']);
    expect(d.fooling).toEqual(['mnist-maxout']);
    expect(d.shared).toEqual(['mnist-maxout']);
    expect(d.rubbish).toEqual(['mnist-maxout']);
    // an ensemble's own members, not one model
    expect(d.ensemble).toEqual(['s1', 's2']);
  });

  it('never gives transfer a single model when another compares', () => {
    const d = defaultModels(all, all, all[0]);
    expect(d.transfer).toHaveLength(2);
    expect(d.transfer[0]).toBe('mnist-softmax');
  });
});
