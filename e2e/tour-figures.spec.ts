/**
 * Issue 18: the guided tour's figures show the engine's own numbers. The spec opens tour.html,
 * scrolls through it, and for every live figure asks the page's engine (the one the figures use)
 * the same question directly, or recomputes the arithmetic in Node, and compares.
 */
import type { Page } from '@playwright/test';
import type {
  AttackResult,
  CrossSectionResult,
  LayerWeights,
  SweepResult,
} from '../src/engine/api';
import type {
  AttackExperimentResult,
  EnsembleExperimentResult,
  RubbishExperimentResult,
  TransferExperimentResult,
} from '../src/engine/experimentTypes';
import { mapFacts } from '../src/shared/mapFacts';
import { sweepFacts } from '../src/shared/sweepFacts';
import { demoVectors, dotProductNumbers } from '../src/tour/logic/dotProduct';
import { localisation } from '../src/tour/logic/localisation';
import { planeCells, randomPlane } from '../src/tour/logic/planes';
import { expect, test } from './fixtures';
import { shippedModel } from './helpers/models';
import { mnistTestImage } from './helpers/testImages';
import { engineCall, experimentImages, figureDone, valueOf } from './helpers/tour';

const image0 = mnistTestImage(0); // a 7
const MODELS = ['mnist-logreg-3v7', 'mnist-maxout', 'mnist-maxout-adv', 'mnist-rbf'];
test.skip(!MODELS.every((id) => shippedModel(id)), 'the tour needs the shipped MNIST models');

/** Typed arrays come back from the page as number[]: the result types with that change. */
type Plain<T> = { [K in keyof T]: T[K] extends ArrayLike<number> ? number[] : Plain<T[K]> };

async function call<T>(page: Page, c: Parameters<typeof engineCall>[1]): Promise<Plain<T>> {
  return (await engineCall(page, c)) as Plain<T>;
}

const images = (n: number) => Array.from({ length: n }, (_, i) => mnistTestImage(i));

test('every tour figure shows what the engine computes for it', async ({ page }) => {
  test.setTimeout(600_000);
  const opened = Date.now();
  await page.goto('./tour.html?backend=wasm');
  await expect(page.getByTestId('dot-chart')).toBeVisible();
  console.log(`tour: first figure ${Date.now() - opened} ms after opening`);
  await expect(page.getByTestId('tour-engine')).toHaveAttribute('data-kind', 'ready', {
    timeout: 120_000,
  });

  // 1a. the dot product: n = 784, ε = 0.1, then n = 150,528 and ε = 0.25, against Node's sums
  const vectors = demoVectors();
  const checkDot = async (n: number, eps: number) => {
    const expected = dotProductNumbers(vectors, n, eps);
    expect(await valueOf(page, 'dot-value-n')).toBe(n);
    expect(await valueOf(page, 'dot-value-bound')).toBeCloseTo(expected.adversarialBound, 6);
    expect(await valueOf(page, 'dot-value-adv')).toBeCloseTo(eps * expected.l1, 6);
    expect(await valueOf(page, 'dot-value-typical')).toBeCloseTo(expected.randomTypical, 6);
    expect(await valueOf(page, 'dot-value-random')).toBeCloseTo(expected.randomChange, 6);
  };
  await checkDot(784, 0.1);
  await page.getByTestId('dot-landmark-150528').click();
  await page.getByTestId('dot-eps').fill('0.25');
  await checkDot(150528, 0.25);

  // 1b. logistic regression: z moves by exactly ε‖w‖₁ unclipped; the clipped move is the engine's
  await figureDone(page, 'first-layer');
  const weights = await call<LayerWeights>(page, { op: 'weights', modelId: 'mnist-logreg-3v7' });
  const l1 = weights.data.reduce((s, w) => s + Math.abs(w), 0);
  expect(await valueOf(page, 'fl-l1')).toBeCloseTo(l1, 3);
  expect(Math.abs(await valueOf(page, 'fl-dz-free'))).toBeCloseTo(0.1 * l1, 2);
  const clipped = await call<AttackResult>(page, {
    op: 'attack',
    modelId: 'mnist-logreg-3v7',
    images: [image0],
    params: { mode: 'fgsm', eps: 0.1, labelSource: 'true', trueLabel: 1 },
  });
  const z = (logits: number[]) => (logits[1] ?? 0) - (logits[0] ?? 0);
  expect(await valueOf(page, 'fl-dz-clip')).toBeCloseTo(
    z(clipped.attacked.logits) - z(clipped.clean.logits),
    4,
  );

  // 2. FGSM against random signs on the same digit, and the test-set rates of models/index.json
  await figureDone(page, 'fgsm-noise');
  for (const [mode, testId] of [
    ['fgsm', 'fn-fgsm'],
    ['random-sign', 'fn-noise'],
  ] as const) {
    const r = await call<AttackResult>(page, {
      op: 'attack',
      modelId: 'mnist-maxout',
      images: [image0],
      params: { mode, eps: 0.25, labelSource: 'true', trueLabel: 7, seed: 0 },
    });
    expect(await valueOf(page, testId), testId).toBe(r.attacked.predictedClass);
  }
  const maxout = shippedModel('mnist-maxout')?.figures;
  expect(await valueOf(page, 'fn-rate-fgsm')).toBe(
    maxout?.fgsm.find((f) => f.eps === 0.25)?.errorRate,
  );
  expect(await valueOf(page, 'fn-rate-noise')).toBe(
    maxout?.randomSign.find((f) => f.eps === 0.25)?.errorRate,
  );

  // 3. the embedded sweep view: the explorer's default sweep of test image 0
  await figureDone(page, 'sweep');
  const sweep = await call<SweepResult>(page, {
    op: 'sweep',
    modelId: 'mnist-maxout',
    images: [image0],
    params: { epsMax: 0.5, points: 201, labelSource: 'true', trueLabel: 7 },
  });
  const sf = sweepFacts(sweep);
  expect(await valueOf(page, 'sw-flip-eps')).toBeCloseTo(sf.flipEps ?? NaN, 6);
  expect(await valueOf(page, 'sw-flip-class')).toBe(sf.flipClass);
  expect(await valueOf(page, 'sw-worst')).toBeCloseTo(sf.worstDeviation, 4);

  // 4. the two class maps: the engine's cross-section, and a row of the random plane
  await figureDone(page, 'planes');
  const cross = await call<CrossSectionResult>(page, {
    op: 'crossSection',
    modelId: 'mnist-maxout',
    images: [image0],
    params: {
      epsMax: 0.5,
      resolution: 32,
      seed: 0,
      labelSource: 'true',
      trueLabel: 7,
      clip: [0, 1],
    },
  });
  const shownAdv = (await page.getByTestId('pl-adv-map').getAttribute('data-classes')) ?? '';
  expect(shownAdv).toBe(cross.predictedClass.join(','));
  expect(await valueOf(page, 'pl-adv-wrong')).toBeCloseTo(
    mapFacts(cross.predictedClass, 32, 0.5, 7).wrongShare,
    9,
  );
  const plane = randomPlane(784, 1);
  const input = { ...image0, data: new Float32Array(image0.data) };
  const row = planeCells(input, plane, 0.5, 32, [16, 17]).map((c) => ({
    ...c,
    data: Array.from(c.data),
  }));
  const predicted = await call<{ predictedClass: number }[]>(page, {
    op: 'predict',
    modelId: 'mnist-maxout',
    images: row,
  });
  const shownRnd = (
    (await page.getByTestId('pl-rnd-map').getAttribute('data-classes')) ?? ''
  ).split(',');
  expect(shownRnd.slice(16 * 32, 17 * 32).map(Number)).toEqual(
    predicted.map((p) => p.predictedClass),
  );

  // 5. the embedded weights view: the localisation number of each model's first layer
  await figureDone(page, 'weights');
  for (const [id, testId] of [
    ['mnist-maxout-adv', 'wt-adv-half'],
    ['mnist-maxout', 'wt-naive-half'],
  ] as const) {
    const w = await call<LayerWeights>(page, { op: 'weights', modelId: id });
    const shaped = {
      ...w,
      data: new Float32Array(w.data),
      imageShape: w.imageShape as [number, number, number],
    };
    expect(await valueOf(page, testId), testId).toBe(localisation(shaped).medianHalfEnergy);
  }

  // 6. adversarial training: the live rates on the first 500 test images
  await figureDone(page, 'harnessing');
  const family = [
    'mnist-maxout',
    'mnist-maxout-adv',
    'mnist-maxout-noise-sign',
    'mnist-maxout-noise-uniform',
  ].filter((id) => shippedModel(id));
  const first500 = experimentImages(images(500));
  const fgsm = await call<AttackExperimentResult>(page, {
    op: 'experiment',
    spec: {
      kind: 'attack',
      models: family,
      attack: { mode: 'fgsm' },
      eps: [0.25],
      images: first500,
      seed: 0,
    },
  });
  for (const r of fgsm.rows)
    expect(await valueOf(page, `hn-fgsm-${r.modelId}`), r.modelId).toBe(r.errorRate);

  // 7. rubbish: 500 noise images, seed 1
  await figureDone(page, 'rubbish');
  const rubbish = await call<RubbishExperimentResult>(page, {
    op: 'experiment',
    spec: { kind: 'rubbish', models: ['mnist-maxout', 'mnist-rbf'], count: 500, seed: 1, top: 3 },
  });
  const rubbishOf = (id: string) => rubbish.rows.find((r) => r.modelId === id)?.errorRate;
  expect(await valueOf(page, 'rb-maxout')).toBe(rubbishOf('mnist-maxout'));
  expect(await valueOf(page, 'rb-rbf')).toBe(rubbishOf('mnist-rbf'));

  // 8. transfer and the ensemble on the first 300 test images
  await figureDone(page, 'transfer');
  const first300 = experimentImages(images(300));
  const transfer = await call<TransferExperimentResult>(page, {
    op: 'experiment',
    spec: {
      kind: 'transfer',
      models: ['mnist-maxout', 'mnist-maxout-adv'],
      attack: { mode: 'fgsm' },
      eps: 0.25,
      images: first300,
      seed: 0,
    },
  });
  for (const c of transfer.cells)
    expect(await valueOf(page, `tr-${c.source}-${c.target}`)).toBe(c.errorRate);
  const ensemble = await call<EnsembleExperimentResult>(page, {
    op: 'experiment',
    spec: {
      kind: 'ensemble',
      members: ['mnist-maxout-s1', 'mnist-maxout-s2', 'mnist-maxout-s3'],
      attack: { mode: 'fgsm' },
      eps: 0.25,
      images: first300,
      seed: 0,
    },
  });
  for (const r of ensemble.rows)
    expect(await valueOf(page, `en-${r.source}`)).toBe(r.ensemble.errorRate);
});
