/**
 * The own model's weightsManifest against the layers built from its topology: a wrong shape or
 * a missing or stray weight is named with its file and its layer before tfjs loads anything.
 */
import { describe, expect, it } from 'vitest';
import { weightSpecProblem, type ExpectedWeight } from './ownWeightSpecs';

const expected: ExpectedWeight[] = [
  { name: 'hidden/kernel', layer: 'hidden', shape: [784, 32] },
  { name: 'out/kernel', layer: 'out', shape: [784, 10] },
  { name: 'out/bias', layer: 'out', shape: [10] },
];
const files = { 'hidden/kernel': 'weights.bin', 'out/kernel': 'weights.bin', 'out/bias': 'b.bin' };
const spec = (name: string, shape: number[]) => ({ name, shape, dtype: 'float32' as const });

describe('weightSpecProblem', () => {
  it('matching specs: no problem, in any order', () => {
    const specs = [
      spec('out/bias', [10]),
      spec('out/kernel', [784, 10]),
      spec('hidden/kernel', [784, 32]),
    ];
    expect(weightSpecProblem(expected, specs, files)).toBeNull();
  });

  it("a wrong shape names the weight, its file, the file's shape and the layer's", () => {
    const specs = [
      spec('hidden/kernel', [784, 32]),
      spec('out/kernel', [784, 12]),
      spec('out/bias', [10]),
    ];
    expect(weightSpecProblem(expected, specs, files)).toBe(
      'weight out/kernel in weights.bin has shape [784,12], but layer out expects [784,10]',
    );
  });

  it('a missing weight names the layer that needs it', () => {
    const specs = [spec('hidden/kernel', [784, 32]), spec('out/kernel', [784, 10])];
    expect(weightSpecProblem(expected, specs, files)).toBe(
      "layer out expects a weight out/bias of shape [10], but model.json's weightsManifest has none",
    );
  });

  it('names tfjs itself resolves are accepted: an RNN cell inside the name, Keras 3 indices', () => {
    const lstm: ExpectedWeight[] = [{ name: 'lstm/kernel', layer: 'lstm', shape: [4, 8] }];
    expect(weightSpecProblem(lstm, [spec('lstm/lstm_cell/kernel', [4, 8])], {})).toBeNull();
    expect(weightSpecProblem(lstm, [spec('lstm/lstm_cell/kernel', [4, 9])], {})).toBe(
      'weight lstm/lstm_cell/kernel has shape [4,9], but layer lstm expects [4,8]',
    );
    // Keras 3 names weights layer/index: tfjs maps them by position, so it is left to tfjs
    expect(weightSpecProblem(lstm, [spec('lstm/0', [4, 8])], {})).toBeNull();
  });

  it('a weight no layer owns is named with its file', () => {
    const specs = [
      ...expected.map((w) =>
        spec(
          w.name,
          w.shape.map((d) => d ?? 0),
        ),
      ),
      spec('extra/kernel', [3]),
    ];
    expect(weightSpecProblem(expected, specs, { ...files, 'extra/kernel': 'x.bin' })).toBe(
      'weight extra/kernel in x.bin belongs to no layer of the model',
    );
  });
});
