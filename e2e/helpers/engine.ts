/**
 * Drives the app's engine client through `window.adversarialExplorer` (src/app/devtoolsHandle.ts)
 * from a spec. Every in-page function is self-contained (Playwright serialises it), and every
 * typed array comes back as a plain number[] so results compare in Node.
 */
import type { Page } from '@playwright/test';
import type {
  AttackParams,
  BackendInfo,
  CrossSectionParams,
  LoadedModelInfo,
  SweepParams,
} from '../../src/engine/api';
// the handle's type also declares window.adversarialExplorer for the page.evaluate bodies
export type { DevtoolsHandle } from '../../src/app/devtoolsHandle';

/** A test image as plain data: pixels in [0, 1], HWC. */
export interface PlainImage {
  data: number[];
  height: number;
  width: number;
  channels: number;
  label?: number;
}

/** Waits until the app has started its engine and exposed the handle; returns the backend. */
export async function waitForEngine(page: Page, timeout = 120_000): Promise<BackendInfo> {
  const handle = await page.waitForFunction(
    () => window.adversarialExplorer?.client.backendInfo() ?? null,
    undefined,
    { timeout, polling: 250 },
  );
  return (await handle.jsonValue()) as BackendInfo;
}

/** Loads a model from models/index.json into the engine (the app's own manifest list when it
 * exposes one). */
export async function loadModel(page: Page, modelId: string): Promise<LoadedModelInfo> {
  return page.evaluate(async (id) => {
    const app = window.adversarialExplorer;
    if (!app) throw new Error('window.adversarialExplorer is missing');
    type Manifest = ReturnType<NonNullable<typeof app.models>>[number];
    const manifests: readonly Manifest[] =
      app.models?.() ??
      ((await (await fetch('./models/index.json')).json()) as { models: Manifest[] }).models;
    const manifest = manifests.find((m) => m.id === id);
    if (!manifest) throw new Error(`model ${id} is not in the index`);
    const baseUrl = app.modelBaseUrl?.(manifest) ?? new URL('./models/', location.href).href;
    return app.client.loadModel(manifest, baseUrl);
  }, modelId);
}

/** The image the app shows now, as plain data, or null when the handle cannot tell. */
export async function currentImage(page: Page): Promise<PlainImage | null> {
  return page.evaluate(() => {
    const current = window.adversarialExplorer?.currentImage?.();
    if (!current) return null;
    const { data, height, width, channels } = current.image;
    const plain: PlainImage = { data: Array.from(data), height, width, channels };
    if (current.label !== undefined) plain.label = current.label;
    return plain;
  });
}

export interface PlainPrediction {
  logits: number[];
  probabilities: number[];
  predictedClass: number;
  confidence: number;
}

export interface EngineRun {
  backend: string;
  predict: PlainPrediction;
  attack: {
    clean: PlainPrediction;
    attacked: PlainPrediction;
    perturbation: number[];
    adversarial: number[];
    linfNorm: number;
    lossLabel: number;
    ms: number;
  };
  sweep: {
    eps: number[];
    logits: number[];
    probabilities: number[];
    direction: number[];
    lossLabel: number;
    ms: number;
  };
  crossSection: {
    resolution: number;
    predictedClass: number[];
    confidence: number[];
    horizontal: number[];
    vertical: number[];
    ms: number;
  };
}

export interface EngineRunParams {
  attack: AttackParams;
  sweep: SweepParams;
  crossSection: CrossSectionParams;
}

/** Runs predict, attack, sweep and cross-section on one image with the app's engine client. */
export async function runEngineOps(
  page: Page,
  modelId: string,
  image: PlainImage,
  params: EngineRunParams,
): Promise<EngineRun> {
  return page.evaluate(
    async ({ modelId, image, params }) => {
      const app = window.adversarialExplorer;
      if (!app) throw new Error('window.adversarialExplorer is missing');
      const { client } = app;
      const input = {
        data: new Float32Array(image.data),
        height: image.height,
        width: image.width,
        channels: image.channels,
      };
      const plain = (p: {
        logits: Float32Array;
        probabilities: Float32Array;
        predictedClass: number;
        confidence: number;
      }) => ({
        logits: Array.from(p.logits),
        probabilities: Array.from(p.probabilities),
        predictedClass: p.predictedClass,
        confidence: p.confidence,
      });
      const predicted = await client.predict(modelId, [input]);
      const first = predicted.result[0];
      if (!first) throw new Error('predict returned no prediction');
      const attack = await client.attack(modelId, input, params.attack);
      const sweep = await client.sweep(modelId, input, params.sweep);
      const cross = await client.crossSection(modelId, input, params.crossSection);
      return {
        backend: predicted.backend,
        predict: plain(first),
        attack: {
          clean: plain(attack.result.clean),
          attacked: plain(attack.result.attacked),
          perturbation: Array.from(attack.result.perturbation),
          adversarial: Array.from(attack.result.adversarial.data),
          linfNorm: attack.result.linfNorm,
          lossLabel: attack.result.lossLabel,
          ms: attack.ms,
        },
        sweep: {
          eps: Array.from(sweep.result.eps),
          logits: Array.from(sweep.result.logits),
          probabilities: Array.from(sweep.result.probabilities),
          direction: Array.from(sweep.result.direction),
          lossLabel: sweep.result.lossLabel,
          ms: sweep.ms,
        },
        crossSection: {
          resolution: cross.result.resolution,
          predictedClass: Array.from(cross.result.predictedClass),
          confidence: Array.from(cross.result.confidence),
          horizontal: Array.from(cross.result.horizontal),
          vertical: Array.from(cross.result.vertical),
          ms: cross.ms,
        },
      };
    },
    { modelId, image, params },
  );
}

/** Logits of a batch of images (all `shape`, pixels in [0, 1]) from one predict call. */
export async function predictLogits(
  page: Page,
  modelId: string,
  images: number[][],
  shape: { height: number; width: number; channels: number },
): Promise<number[][]> {
  return page.evaluate(
    async ({ modelId, images, shape }) => {
      const app = window.adversarialExplorer;
      if (!app) throw new Error('window.adversarialExplorer is missing');
      const batch = images.map((data) => ({ ...shape, data: new Float32Array(data) }));
      const timed = await app.client.predict(modelId, batch);
      return timed.result.map((p) => Array.from(p.logits));
    },
    { modelId, images, shape },
  );
}

/** The FGSM perturbation (eps * sign of the loss gradient) of each image, one attack each. */
export async function fgsmPerturbations(
  page: Page,
  modelId: string,
  images: PlainImage[],
  eps: number,
): Promise<number[][]> {
  return page.evaluate(
    async ({ modelId, images, eps }) => {
      const app = window.adversarialExplorer;
      if (!app) throw new Error('window.adversarialExplorer is missing');
      const out: number[][] = [];
      for (const image of images) {
        const input = {
          data: new Float32Array(image.data),
          height: image.height,
          width: image.width,
          channels: image.channels,
        };
        const { result } = await app.client.attack(modelId, input, {
          mode: 'fgsm',
          eps,
          labelSource: 'true',
          trueLabel: image.label ?? 0,
        });
        out.push(Array.from(result.perturbation));
      }
      return out;
    },
    { modelId, images, eps },
  );
}
