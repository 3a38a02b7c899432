/**
 * The workloads as run inside the app's page, through window.adversarialExplorer.client (the
 * same worker and bridge the UI drives). `runInPage` is serialised by Playwright, so it is
 * self-contained: no imports are used inside it, only types.
 */
import type { DevtoolsHandle } from '../../src/app/devtoolsHandle';

export interface PagePlan {
  modelId: string;
  /** one test image, pixels in [0, 1], HWC */
  image: number[];
  /** [height, width, channels] of every image (the model's inputShape) */
  shape: [number, number, number];
  label: number;
  /** base64 of count x height x width x channels uint8 pixels, and the labels */
  testSet: { pixels: string; labels: number[]; count: number } | null;
  workloads: string[];
  repeats: { small: number; map: number; testSet: number };
  fgsmEps: number;
  sweepEpsMax: number;
  mapEpsMax: number;
}

export interface PageMeasured {
  workload: string;
  /** wall milliseconds around the client call, in the page */
  samples: number[];
  /** TimedResult.ms: what the engine itself spent */
  engineSamples: number[];
  extra?: Record<string, number[]>;
  note?: string;
}

declare global {
  interface Window {
    adversarialExplorer?: DevtoolsHandle;
  }
}

export async function runInPage(plan: PagePlan): Promise<PageMeasured[]> {
  const app = window.adversarialExplorer;
  if (!app) throw new Error('window.adversarialExplorer is missing');
  const { client } = app;
  const [height, width, channels] = plan.shape;
  const image = { data: new Float32Array(plan.image), height, width, channels };
  const out: PageMeasured[] = [];
  const want = (w: string): boolean => plan.workloads.includes(w);

  async function repeat(
    workload: string,
    n: number,
    warmup: number,
    call: () => Promise<{ ms: number }>,
  ): Promise<void> {
    for (let i = 0; i < warmup; i++) await call();
    const samples: number[] = [];
    const engineSamples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const timed = await call();
      samples.push(performance.now() - t0);
      engineSamples.push(timed.ms);
    }
    out.push({ workload, samples, engineSamples });
  }

  if (want('fgsm')) {
    await repeat('fgsm', plan.repeats.small, 3, () =>
      client.attack(plan.modelId, image, {
        mode: 'fgsm',
        eps: plan.fgsmEps,
        labelSource: 'true',
        trueLabel: plan.label,
      }),
    );
  }
  if (want('sweep201')) {
    await repeat('sweep201', plan.repeats.small, 3, () =>
      client.sweep(plan.modelId, image, {
        epsMax: plan.sweepEpsMax,
        points: 201,
        labelSource: 'true',
        trueLabel: plan.label,
      }),
    );
  }
  for (const [name, resolution, clip] of [
    ['map64', 64, true],
    ['map128', 128, true],
    ['map64-noclip', 64, false],
    ['map128-noclip', 128, false],
  ] as const) {
    if (!want(name)) continue;
    const coarse = Math.max(8, Math.round(resolution / 4));
    const samples: number[] = [];
    const engineSamples: number[] = [];
    const firstCoarse: number[] = [];
    for (let i = 0; i <= plan.repeats.map; i++) {
      const t0 = performance.now();
      let coarseMs = Number.NaN;
      const params = {
        epsMax: plan.mapEpsMax,
        resolution,
        seed: 1,
        labelSource: 'true' as const,
        trueLabel: plan.label,
      };
      const timed = await client.crossSection(
        plan.modelId,
        image,
        clip ? { ...params, clip: [0, 1] } : params,
        {
          onProgress(p) {
            const partial = p.partial;
            if (Number.isNaN(coarseMs) && partial?.resolution === coarse) {
              if (partial.rowsDone === coarse) coarseMs = performance.now() - t0;
            }
          },
        },
      );
      if (i === 0) continue; // warm-up
      samples.push(performance.now() - t0);
      engineSamples.push(timed.ms);
      firstCoarse.push(coarseMs);
    }
    out.push({
      workload: name,
      samples,
      engineSamples,
      extra: { firstCoarseMs: firstCoarse },
      note: clip ? 'clipped to [0, 1] (as the app asks)' : 'not clipped',
    });
  }
  if (want('testset') && plan.testSet) {
    const bytes = Uint8Array.from(atob(plan.testSet.pixels), (ch) => ch.charCodeAt(0));
    const data = new Float32Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) data[i] = (bytes[i] as number) / 255;
    const images = {
      data,
      labels: Int32Array.from(plan.testSet.labels),
      count: plan.testSet.count,
      shape: plan.shape,
    };
    const samples: number[] = [];
    const engineSamples: number[] = [];
    const rates: number[] = [];
    const gaps: number[] = [];
    for (let i = 0; i < plan.repeats.testSet; i++) {
      const t0 = performance.now();
      let last = t0;
      let maxGap = 0;
      let events = 0;
      const timed = await client.runExperiment(
        {
          kind: 'attack',
          models: [plan.modelId],
          attack: { mode: 'fgsm', labelSource: 'true' },
          eps: [plan.fgsmEps],
          images,
          seed: 0,
        },
        {
          onProgress() {
            const now = performance.now();
            maxGap = Math.max(maxGap, now - last);
            last = now;
            events++;
          },
        },
      );
      const ms = performance.now() - t0;
      samples.push(ms);
      engineSamples.push(timed.ms);
      rates.push((events * 1000) / ms);
      gaps.push(Math.max(maxGap, performance.now() - last));
    }
    out.push({
      workload: 'testset',
      samples,
      engineSamples,
      extra: { progressPerSecond: rates, maxProgressGapMs: gaps },
      note: `${plan.testSet.count} images via runExperiment('attack'), clean + FGSM predictions`,
    });
  }
  return out;
}

/** Loads a model through the client (as the app does), returns the wall milliseconds. */
export async function loadInPage(modelId: string): Promise<number> {
  const app = window.adversarialExplorer;
  if (!app) throw new Error('window.adversarialExplorer is missing');
  type Manifest = ReturnType<NonNullable<typeof app.models>>[number];
  const manifests: readonly Manifest[] =
    app.models?.() ??
    ((await (await fetch('./models/index.json')).json()) as { models: Manifest[] }).models;
  const manifest = manifests.find((m) => m.id === modelId);
  if (!manifest) throw new Error(`model ${modelId} is not in the index`);
  const baseUrl = app.modelBaseUrl?.(manifest) ?? new URL('./models/', location.href).href;
  const t0 = performance.now();
  await app.client.loadModel(manifest, baseUrl);
  return performance.now() - t0;
}
