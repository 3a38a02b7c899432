import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testFixtures';
import { testSetAttack } from './testSetAttack';
import { ensembleAttack, transfer } from './transfer';
import { mlpClassifier, seededRun } from './testing';

beforeAll(useCpuBackend);

const a = mlpClassifier('a', 4, 11);
const b = mlpClassifier('b', 4, 12);
/** the same network as `a` under another id */
const twin = mlpClassifier('twin', 4, 11);
const images = seededRun(60, 4, 5);
const eps = 0.3;

describe('transfer', () => {
  it("the diagonal is each model's own attacked error (same examples, same model)", async () => {
    const t = await transfer([a, b], { mode: 'fgsm' }, eps, images, 2, { chunkSize: 16 });
    const own = await testSetAttack([a, b], { mode: 'fgsm' }, [eps], images, 2);
    for (const [k, id] of ['a', 'b'].entries()) {
      const cell = t.cells.find((c) => c.source === id && c.target === id);
      expect(cell?.errorRate).toBe(own.rows[k]?.errorRate);
      expect(cell?.meanConfidenceOnMistakes).toBeCloseTo(
        own.rows[k]?.meanConfidenceOnMistakes ?? -1,
        6,
      );
      // a model agrees with itself on every mistake
      expect(cell?.sameWrongClassRate).toBe((cell?.bothWrong ?? 0) > 0 ? 1 : 0);
      expect(t.cleanErrorRates[k]).toBe(own.rows[k]?.cleanErrorRate);
    }
    expect(t.cells.map((c) => `${c.source}>${c.target}`)).toEqual(['a>a', 'a>b', 'b>a', 'b>b']);
  });

  it('examples made on a model transfer perfectly to an identical copy of it', async () => {
    const t = await transfer([a, twin], { mode: 'fgsm' }, eps, images, 0);
    const self = t.cells.find((c) => c.source === 'a' && c.target === 'a');
    const copy = t.cells.find((c) => c.source === 'a' && c.target === 'twin');
    expect(copy?.errorRate).toBe(self?.errorRate);
    expect(copy?.bothWrong).toBe(Math.round((self?.errorRate ?? 0) * images.count));
    expect(copy?.sameWrongClassRate).toBe(1);
  });

  it('noise controls use the same per-image noise for every source: the matrix is symmetric in use', async () => {
    const t = await transfer([a, b], { mode: 'random-sign' }, eps, images, 9);
    const ab = t.cells.find((c) => c.source === 'a' && c.target === 'b');
    const bb = t.cells.find((c) => c.source === 'b' && c.target === 'b');
    // the noise does not depend on the model, so b's error on "a's" noisy images is b's own
    expect(ab?.errorRate).toBe(bb?.errorRate);
  });
});

describe('ensembleAttack', () => {
  it('an ensemble of two copies is the model itself: every row gives its attacked error', async () => {
    // mean of two equal probability vectors is that vector, so log(mean p) has softmax p and the
    // same input gradient direction.
    const r = await ensembleAttack([a, twin], { mode: 'fgsm' }, eps, images, 0);
    const own = await testSetAttack([a], { mode: 'fgsm' }, [eps], images, 0);
    expect(r.rows.map((row) => row.source)).toEqual(['ensemble', 'a', 'twin']);
    for (const row of r.rows) {
      expect(row.ensemble.errorRate).toBeCloseTo(own.rows[0]?.errorRate ?? -1, 12);
      expect(row.sourceOwn.errorRate).toBeCloseTo(own.rows[0]?.errorRate ?? -1, 12);
    }
    expect(r.cleanErrorRate).toBe(own.rows[0]?.cleanErrorRate);
    expect(r.memberCleanErrorRates).toEqual([
      own.rows[0]?.cleanErrorRate,
      own.rows[0]?.cleanErrorRate,
    ]);
  });

  it('needs two members', async () => {
    await expect(ensembleAttack([a], { mode: 'fgsm' }, eps, images, 0)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });
});
