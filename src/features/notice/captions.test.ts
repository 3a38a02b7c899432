import { describe, expect, it } from 'vitest';
import type { MapFacts } from '../../shared/mapFacts';
import {
  compareCaption,
  crossSectionCaption,
  experimentsCaption,
  imageCaption,
  probeCaption,
  sweepCaption,
  weightsCaption,
} from './captions';

const v = (className: string, confidence: number) => ({ className, confidence });

describe('imageCaption', () => {
  it('quotes the max-norm and both answers when FGSM changes the class', () => {
    const text = imageCaption({
      mode: 'fgsm',
      linf: 0.25,
      clean: v('7', 0.97),
      attacked: v('3', 0.99),
    });
    expect(text).toContain('at most 0.25');
    expect(text).toContain('3 at 99.0%');
    expect(text).toContain('7 at 97.0%');
    expect(text).toContain('Random ±ε');
  });

  it('points noise to FGSM, and an unchanged answer to a larger ε', () => {
    expect(
      imageCaption({ mode: 'random-sign', linf: 0.25, clean: v('7', 0.97), attacked: v('7', 0.9) }),
    ).toMatch(/still says 7 at 90\.0%.*FGSM/);
    expect(
      imageCaption({ mode: 'fgsm', linf: 0.01, clean: v('7', 0.97), attacked: v('7', 0.96) }),
    ).toMatch(/still says 7.*Raise ε/);
  });
});

describe('probeCaption', () => {
  const trial = {
    from: 'test image 12',
    linf: 0.31,
    point: v('8', 0.998),
    trueClass: '7',
    mode: 'fgsm' as const,
    eps: 0.25,
    attacked: v('8', 0.999),
  };

  it("a clicked point: its own distance, not ε's, and no 'still' once the class changed", () => {
    const text = probeCaption(trial);
    expect(text).toMatch(/lies 0\.31 from test image 12 in max-norm/);
    expect(text).not.toMatch(/at most 0\.25/);
    expect(text).not.toMatch(/still/);
    expect(text).toMatch(/the model says 8 at 99\.8% there, not 7, the image’s true class/);
    expect(text).toMatch(/FGSM with ε = 0\.25 from this point keeps 8 at 99\.9%/);
  });

  it("'still' where the point keeps the test image's class; an attack that changes it", () => {
    const text = probeCaption({ ...trial, point: v('7', 0.9), attacked: v('3', 0.6) });
    expect(text).toMatch(/the model still says 7 at 90\.0%/);
    expect(text).toMatch(/from this point turns it into 3 at 60\.0%/);
  });

  it('an unknown class (own picture) claims neither', () => {
    const text = probeCaption({ ...trial, from: 'your image', trueClass: null });
    expect(text).toMatch(/from your image/);
    expect(text).not.toMatch(/still|not 7/);
  });
});

describe('sweepCaption', () => {
  it('counts straight curves and names the crossing', () => {
    const text = sweepCaption(
      {
        cleanClass: 7,
        flipEps: 0.06,
        flipClass: 3,
        deviation: [0.01, 0.04, 0.2],
        worstDeviation: 0.2,
      },
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    );
    expect(text).toContain('2 of the 3 curves');
    expect(text).toContain('from 7 to 3 at ε = 0.06');
  });
});

describe('crossSectionCaption', () => {
  const facts = (rowsFlipping: number, nearestWrong: number | null): MapFacts => ({
    wrongShare: 0.4,
    wrongShareRight: 0.8,
    rowFlips: [],
    medianFlip: 0.1,
    rowsFlipping,
    nearestWrong,
  });

  it('counts the maps whose rows flip moving right', () => {
    const text = crossSectionCaption([facts(1, 0.08), facts(0.9, 0.1), facts(0.1, null)]);
    expect(text).toContain('In 2 of 3 maps');
    expect(text).toContain('0.1 from the image');
  });

  it('speaks of random signs, not the gradient, for random planes alone', () => {
    const text = crossSectionCaption([], [facts(0.1, null), facts(0, null)]);
    expect(text).toContain('In 0 of 2 random × random maps');
    expect(text).not.toMatch(/gradient sign,/);
    expect(text).toMatch(/FGSM/);
  });

  it('contrasts the pairs when both planes show', () => {
    const text = crossSectionCaption(
      [facts(1, 0.08), facts(0.9, 0.1), facts(0.6, 0.12)],
      [facts(0, null), facts(0.1, 0.4), facts(0, null)],
    );
    expect(text).toContain('in 3 of 3 FGSM × random maps');
    expect(text).toContain('in 0 of 3 random × random maps');
    expect(text).toContain('lies 0.1 from the image along the gradient sign');
    expect(text).toContain('on the random maps 4.0× as far (0.4)');
    expect(text).toMatch(/stays its class far out/);
    const none = crossSectionCaption([facts(1, 0.08)], [facts(0, null)]);
    expect(none).toContain('the random maps keep the correct class over their whole range');
  });

  it('does not claim the contrast where the random maps change class about as soon', () => {
    const text = crossSectionCaption([facts(1, 0.05)], [facts(1, 0.06)]);
    expect(text).not.toMatch(/stays its class far out/);
    expect(text).toMatch(/0\.05 from the image on the FGSM maps and 0\.06 on the random ones/);
    expect(text).toMatch(/about as soon/);
  });

  it('is empty without maps', () => {
    expect(crossSectionCaption([])).toBe('');
  });
});

describe('the other views', () => {
  it('describe their layout', () => {
    expect(weightsCaption(240, 5, false)).toContain('240 units × 5 pieces');
    expect(weightsCaption(10, 1, true)).toContain('one colour scale');
    expect(experimentsCaption()).toContain('noise controls');
  });
});

describe('weights caption', () => {
  it('grey or per-channel filters: the diverging map, red bright and blue dark', () => {
    expect(weightsCaption(10, 1, false)).toMatch(
      /red weights respond to bright pixels, blue ones to dark/,
    );
    expect(weightsCaption(10, 1, false, null)).toMatch(/red weights respond to bright pixels/);
  });

  it('RGB filters as colour: what the colours mean there, not the diverging map', () => {
    for (const mode of ['filter', 'colour'] as const) {
      const text = weightsCaption(16, 1, false, mode);
      expect(text).not.toMatch(/red weights|blue ones/);
      expect(text).toMatch(/16 filters/);
      expect(text).toMatch(/mid grey is zero/);
      expect(text).toMatch(/light parts respond to bright pixels, dark parts to dark ones/);
      expect(text).toMatch(/a hue \(say red\) to pixels of that colour/);
    }
    expect(weightsCaption(16, 1, false, 'filter')).toMatch(/each filter on its own scale/);
    expect(weightsCaption(16, 1, false, 'colour')).toMatch(/one scale for all filters/);
  });

  it('compared RGB filters on their own scales do not claim one shared scale', () => {
    expect(weightsCaption(16, 1, true, 'filter')).not.toMatch(/share one colour scale/);
    expect(weightsCaption(16, 1, true, 'colour')).toMatch(/share one colour scale/);
  });
});

describe('compare caption', () => {
  const row = (title: string, fgsm: string, sign = '7') => ({
    title,
    clean: v('7', 0.99),
    fgsm: v(fgsm, 0.9),
    sign: v(sign, 0.97),
    uniform: v('7', 0.98),
  });

  it('puts FGSM beside noise for A, and says what B does with the same step', () => {
    expect(
      compareCaption(0.25, row('Maxout', '3'), row('Maxout, adversarially trained', '7')),
    ).toBe(
      "At ε = 0.25 FGSM turns Maxout's 7 into 3 at 90.0%, while random ±ε signs and uniform noise of the same size leave it 7. " +
        'Maxout, adversarially trained keeps 7 under FGSM and under both noises at ε = 0.25. ' +
        'The same step in the gradient’s direction, two answers: that is what adversarial training buys.',
    );
  });

  it('says when noise of that size changes the answer too, and works without B', () => {
    expect(compareCaption(0.5, row('Softmax', '3', '9'), null)).toBe(
      "At ε = 0.5 FGSM turns Softmax's 7 into 3 at 90.0%, and even random noise of that size changes its answer: ε is large for this model.",
    );
  });
});
