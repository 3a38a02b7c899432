import { describe, expect, it } from 'vitest';
import { decodeState } from '../../state/url';
import { describeState, explorerHref, trainingLabHref } from './explorerLink';

describe('explorerHref', () => {
  it('round-trips through the explorer codec: the link opens the stated state', () => {
    const state = {
      model: 'mnist-maxout',
      image: 0,
      eps: 0.25,
      attack: 'random-sign' as const,
      view: 'image' as const,
    };
    const href = explorerHref(state);
    expect(href.startsWith('./?v=1&')).toBe(true);
    const decoded = decodeState(href.slice(href.indexOf('?')));
    expect(decoded.warnings).toEqual([]);
    expect(decoded.state).toEqual(state);
  });

  it('says what it opens', () => {
    expect(
      describeState({ model: 'mnist-maxout', image: 3, eps: 0.25, attack: 'fgsm', view: 'sweep' }),
    ).toBe('mnist-maxout, test image 3, FGSM at ε = 0.25, sweep view');
    expect(describeState({ model: 'mnist-rbf', view: 'weights' })).toBe('mnist-rbf, weights view');
    expect(
      describeState({ model: 'mnist-maxout', image: 0, mapRes: 32, view: 'cross-section' }),
    ).toBe('mnist-maxout, test image 0, 32×32 maps, cross-section view');
  });

  it('names the training lab only when the explorer has a train view', () => {
    const href = trainingLabHref();
    if (href !== null) expect(decodeState(href.slice(2)).state.view).toBe('train');
  });
});
