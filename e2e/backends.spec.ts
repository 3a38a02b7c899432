/**
 * Issue 2 item 6: on every backend the headless Chromium offers (WebGPU and WebGL on SwiftShader,
 * wasm, cpu) the app reports the backend it was asked for, and predict, FGSM, the eps sweep and
 * the cross-section agree with wasm: logits within 1e-3 of max(1, |logits|).
 *
 * The FGSM direction sign(grad_x J) cannot agree exactly: where the gradient cancels to within
 * float rounding (a pixel whose class weights balance out), one backend gets 0 and another +-1.
 * So each op is checked twice, both ways exact up to the tolerance:
 *   - the reference's inputs (adversarial image, sweep images x + eps d, cross-section cells)
 *     evaluated on this backend give the reference's logits and classes (same inputs, same
 *     numbers), and
 *   - this backend's own op outputs equal its own predict() of the inputs it used (the op is
 *     computed right on this backend);
 * and the directions themselves may differ in at most 3% of the pixels.
 * Small batches: SwiftShader emulates the GPU on the CPU.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import type { BackendName } from '../src/engine/api';
import { expect, test } from './fixtures';
import { openApp } from './helpers/app';
import { argmax, scaledMaxDifference } from './helpers/compare';
import {
  fgsmPerturbations,
  loadModel,
  predictLogits,
  runEngineOps,
  type EngineRun,
  type EngineRunParams,
} from './helpers/engine';
import { shippedModel } from './helpers/models';
import { crossSectionImages, sweepImages } from './helpers/perturb';
import { mnistTestImage } from './helpers/testImages';
import { TEST_IDS } from './helpers/testIds';

const TOLERANCE = 1e-3;
/**
 * Share of pixels whose gradient sign may differ between backends. With the stable loss gradient
 * (issue 20) the FGSM signs of mnist-maxout on the first 20 test images agree on wasm, cpu,
 * WebGPU and WebGL; measured on SwiftShader: 0 of 15,680 pixels differ (the slack leaves room for
 * a real GPU's summation order on pixels whose gradient is rounding noise). With the old
 * gradient, which lost the true-class term on saturated images, 8 of image 0's 784 pixels
 * differed on cpu and WebGPU and 29 of the 15,680 on WebGL (the old slack was 3%).
 */
const DIRECTION_SLACK = 0.001;
/** the first test images, several with p_y = 1 in float32 on mnist-maxout */
const SATURATED_SET = Array.from({ length: 20 }, (_, i) => mnistTestImage(i));
const REFERENCE: BackendName = 'wasm';
const BACKENDS: BackendName[] = ['wasm', 'cpu', 'webgpu', 'webgl'];
/** backends the issue requires; webgl is tested only where the browser has it */
const REQUIRED: ReadonlySet<BackendName> = new Set(['webgpu', 'wasm', 'cpu']);
const MODEL_IDS = ['mnist-softmax', 'mnist-maxout'].filter((id) => shippedModel(id));
const CLIP: [number, number] = [0, 1];

/** MNIST test image 0 (a 7); the sweep and cross-section are small enough for SwiftShader. */
const image = mnistTestImage(0);
const params = {
  attack: { mode: 'fgsm', eps: 0.1, labelSource: 'true', trueLabel: image.label },
  sweep: { epsMax: 0.25, points: 21, labelSource: 'true', trueLabel: image.label, clip: CLIP },
  crossSection: {
    epsMax: 0.25,
    resolution: 7,
    seed: 7,
    labelSource: 'true',
    trueLabel: image.label,
    clip: CLIP,
  },
} satisfies EngineRunParams;

/** Logits of the images an op of `run` evaluated: its adversarial, sweep and cross-section. */
interface OpInputsLogits {
  adversarial: number[];
  sweep: number[][];
  crossSection: number[][];
}

async function logitsOfOpInputs(
  page: Page,
  modelId: string,
  run: EngineRun,
): Promise<OpInputsLogits> {
  const x = image.data;
  const sweep = sweepImages(x, run.sweep.direction, run.sweep.eps, CLIP);
  const { horizontal, vertical, resolution } = run.crossSection;
  const cells = crossSectionImages(
    x,
    horizontal,
    vertical,
    params.crossSection.epsMax,
    resolution,
    CLIP,
  );
  const logits = await predictLogits(
    page,
    modelId,
    [run.attack.adversarial, ...sweep, ...cells],
    image,
  );
  return {
    adversarial: logits[0] ?? [],
    sweep: logits.slice(1, 1 + sweep.length),
    crossSection: logits.slice(1 + sweep.length),
  };
}

async function runOn(browser: Browser, backend: BackendName) {
  const page = await browser.newPage();
  try {
    const info = await openApp(page, { backend });
    const runs = new Map<string, EngineRun>();
    const directions = new Map<string, number[][]>();
    if (info.active === backend) {
      for (const id of MODEL_IDS) {
        await loadModel(page, id);
        runs.set(id, await runEngineOps(page, id, image, params));
        directions.set(id, await fgsmPerturbations(page, id, SATURATED_SET, 0.25));
      }
    }
    return { info, runs, directions };
  } finally {
    await page.close();
  }
}

let reference: Map<string, EngineRun> | undefined;
let referenceDirections: Map<string, number[][]> | undefined;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const { info, runs, directions } = await runOn(browser, REFERENCE);
  expect(info.active, `the reference backend ${REFERENCE} did not start`).toBe(REFERENCE);
  reference = runs;
  referenceDirections = directions;
});

test('there is a trained MNIST model to compare backends on', () => {
  expect(MODEL_IDS, 'models/index.json lists neither mnist-softmax nor mnist-maxout').not.toEqual(
    [],
  );
});

for (const backend of BACKENDS) {
  test(`${backend}: the UI reports it and the engine agrees with ${REFERENCE}`, async ({
    page,
  }) => {
    test.setTimeout(backend === 'webgpu' || backend === 'webgl' ? 240_000 : 120_000);
    const info = await openApp(page, { backend });
    const candidate = info.candidates.find((c) => c.name === backend);
    if (!REQUIRED.has(backend) && candidate?.available === false) {
      test.skip(true, `${backend} is not available here: ${candidate.reason ?? 'no reason given'}`);
    }
    expect(info.active, `asked for ${backend}; ${candidate?.reason ?? ''}`).toBe(backend);
    expect(info.chosenBy).toBe('override');
    await expect(page.getByTestId(TEST_IDS.backendName)).toContainText(backend);
    // a CPU backend shares the maps with a peer engine per spare core (at most 3); a GPU one not
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const peers = backend === 'wasm' || backend === 'cpu' ? Math.min(3, Math.max(0, cores - 1)) : 0;
    expect(info.peers ?? 0).toBe(peers);
    const peersNote = page.getByTestId('backend-peers');
    if (peers > 0) await expect(peersNote).toHaveText(`· maps on ${peers + 1} cores`);
    else await expect(peersNote).toHaveCount(0);

    for (const modelId of MODEL_IDS) {
      await loadModel(page, modelId);
      const ref = reference?.get(modelId);
      if (!ref) throw new Error(`no ${REFERENCE} reference for ${modelId}`);
      const run = await runEngineOps(page, modelId, image, params);
      const own = await logitsOfOpInputs(page, modelId, run);
      const refInputs = await logitsOfOpInputs(page, modelId, ref);
      // kept beside the test's other artifacts, to see where two backends part ways
      writeFileSync(
        test.info().outputPath(`${backend}-${modelId}.json`),
        JSON.stringify({ run, reference: ref, own, refInputs }),
      );
      test.info().annotations.push({
        type: `${backend} ${modelId}`,
        description: `attack ${run.attack.ms.toFixed(1)} ms, sweep ${run.sweep.ms.toFixed(1)} ms, cross-section ${run.crossSection.ms.toFixed(1)} ms`,
      });
      const what = `${backend} vs ${REFERENCE}, ${modelId}`;
      expectSameDirections(run, ref, what);
      const directions = await fgsmPerturbations(page, modelId, SATURATED_SET, 0.25);
      const refDirections = referenceDirections?.get(modelId) ?? [];
      writeFileSync(
        test.info().outputPath(`${backend}-${modelId}-directions.json`),
        JSON.stringify({ directions, reference: refDirections }),
      );
      expectMostlyEqual(
        directions.flat(),
        refDirections.flat(),
        `${what}: FGSM directions of test images 0-19`,
      );
      expectSameNumbers(run, ref, refInputs, what);
      expectSelfConsistent(run, own, `${backend}, ${modelId}`);
    }
  });
}

function expectClose(a: number[], b: number[], what: string): void {
  expect(scaledMaxDifference(a, b), what).toBeLessThanOrEqual(TOLERANCE);
}

function expectMostlyEqual(a: number[], b: number[], what: string): void {
  expect(a.length, what).toBe(b.length);
  const differing = a.filter((v, i) => Math.abs(v - (b[i] ?? NaN)) > TOLERANCE).length;
  expect(differing, `${what}: pixels that differ`).toBeLessThanOrEqual(a.length * DIRECTION_SLACK);
}

/** sign(grad) agrees but for near-zero gradients; the random direction agrees to rounding */
function expectSameDirections(run: EngineRun, ref: EngineRun, what: string): void {
  expectMostlyEqual(run.attack.perturbation, ref.attack.perturbation, `${what}: FGSM perturbation`);
  expectMostlyEqual(run.sweep.direction, ref.sweep.direction, `${what}: sweep direction`);
  expectMostlyEqual(
    run.crossSection.horizontal,
    ref.crossSection.horizontal,
    `${what}: cross-section FGSM direction`,
  );
  // the random direction is orthogonalised against the FGSM one and rescaled to max-norm 1, so
  // it inherits that direction's differences, spread thinly over every pixel
  const { horizontal, vertical } = run.crossSection;
  const sameHorizontal = scaledMaxDifference(horizontal, ref.crossSection.horizontal) === 0;
  expect(
    scaledMaxDifference(vertical, ref.crossSection.vertical),
    `${what}: cross-section random direction`,
  ).toBeLessThanOrEqual(sameHorizontal ? TOLERANCE : 0.05);
  expect(Math.max(...vertical.map(Math.abs)), `${what}: max-norm of v`).toBeCloseTo(1, 5);
  const dot = vertical.reduce((s, v, i) => s + v * (horizontal[i] ?? 0), 0);
  const norms = Math.hypot(...vertical) * Math.hypot(...horizontal);
  expect(Math.abs(dot) / norms, `${what}: cos(h, v)`).toBeLessThanOrEqual(TOLERANCE);
  expect(run.attack.lossLabel, `${what}: loss label`).toBe(ref.attack.lossLabel);
  expect(run.sweep.eps, `${what}: sweep grid`).toEqual(ref.sweep.eps);
  expect(run.crossSection.resolution).toBe(ref.crossSection.resolution);
}

/** the same inputs give the same logits on both backends (and the reference ops are right) */
function expectSameNumbers(
  run: EngineRun,
  ref: EngineRun,
  refInputs: OpInputsLogits,
  what: string,
): void {
  expectClose(run.predict.logits, ref.predict.logits, `${what}: predict logits`);
  expectClose(run.predict.probabilities, ref.predict.probabilities, `${what}: probabilities`);
  expectClose(run.attack.clean.logits, ref.attack.clean.logits, `${what}: attack clean logits`);
  expectClose(
    refInputs.adversarial,
    ref.attack.attacked.logits,
    `${what}: logits of the reference's adversarial image`,
  );
  expectClose(
    refInputs.sweep.flat(),
    ref.sweep.logits,
    `${what}: logits of the reference's sweep images`,
  );
  expectCellsMatch(refInputs.crossSection, ref.crossSection, `${what}: reference's cells`);
}

/** this backend's ops report what its own predict() says of the inputs they used */
function expectSelfConsistent(run: EngineRun, own: OpInputsLogits, what: string): void {
  expectClose(own.adversarial, run.attack.attacked.logits, `${what}: FGSM adversarial logits`);
  expectClose(own.sweep.flat(), run.sweep.logits, `${what}: sweep logits`);
  expectCellsMatch(own.crossSection, run.crossSection, `${what}: cross-section cells`);
}

/**
 * Cell confidences within the tolerance of softmax(logits).max; classes equal wherever the winner
 * is clear (confidence > 1/2 + tolerance: no other class can be within reach).
 */
function expectCellsMatch(
  cellLogits: number[][],
  map: EngineRun['crossSection'],
  what: string,
): void {
  expect(cellLogits.length, `${what}: cell count`).toBe(map.predictedClass.length);
  const confidence = cellLogits.map((logits) => {
    const top = Math.max(...logits);
    const sum = logits.reduce((s, z) => s + Math.exp(z - top), 0);
    return 1 / sum;
  });
  expectClose(confidence, map.confidence, `${what}: confidence`);
  const wrong = cellLogits
    .map((logits, i) => ({ i, predicted: argmax(logits), reported: map.predictedClass[i] }))
    .filter(
      ({ i, predicted, reported }) =>
        predicted !== reported && (confidence[i] ?? 0) > 0.5 + TOLERANCE,
    );
  expect(wrong, `${what}: classes`).toEqual([]);
}
