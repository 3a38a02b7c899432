/**
 * The guided tour (tour.html) from a spec: its figures' numbers as the page shows them, and the
 * same computations asked of the page's engine directly through `window.adversarialExplorer`
 * (src/tour/main.tsx exposes the one engine the figures use). Typed arrays come back as
 * number[]; every in-page function is self-contained (Playwright serialises it).
 */
import { expect, type Page } from '@playwright/test';
import type {
  AttackParams,
  CrossSectionParams,
  ExperimentSpec,
  SweepParams,
} from '../../src/engine/api';
import type { PlainImage } from './engine';
export type { DevtoolsHandle } from '../../src/app/devtoolsHandle';

/** Scrolls the figure into view and waits until it shows its engine result. */
export async function figureDone(page: Page, id: string, timeout = 240_000): Promise<void> {
  const figure = page.getByTestId(`figure-${id}`);
  await figure.scrollIntoViewIfNeeded();
  await expect(figure, `figure ${id}`).toHaveAttribute('data-status', 'done', { timeout });
}

/** The unrounded number behind a figure's value (data-value). */
export async function valueOf(page: Page, testId: string): Promise<number> {
  const raw = await page.getByTestId(testId).getAttribute('data-value');
  if (raw === null) throw new Error(`${testId} has no data-value`);
  return Number(raw);
}

export interface PlainPrediction {
  logits: number[];
  predictedClass: number;
  confidence: number;
}

export interface EngineCall {
  op: 'attack' | 'sweep' | 'crossSection' | 'predict' | 'weights' | 'experiment';
  modelId?: string;
  images?: PlainImage[];
  params?: AttackParams | SweepParams | CrossSectionParams;
  /** for 'experiment': the spec with its images as plain arrays (see experimentImages) */
  spec?: unknown;
}

/** Runs one engine call on the page's engine; returns its result with arrays made plain. */
export async function engineCall(page: Page, call: EngineCall): Promise<unknown> {
  return page.evaluate(async (c) => {
    const app = window.adversarialExplorer;
    if (!app) throw new Error('window.adversarialExplorer is missing');
    const { client } = app;
    const toImage = (p: { data: number[]; height: number; width: number; channels: number }) => ({
      data: new Float32Array(p.data),
      height: p.height,
      width: p.width,
      channels: p.channels,
    });
    // typed arrays to plain arrays, deeply, so the result crosses back to Node
    const plain = (v: unknown): unknown => {
      if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
      if (Array.isArray(v)) return v.map(plain);
      if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
      return v;
    };
    const images = (c.images ?? []).map(toImage);
    const first = images[0];
    const id = c.modelId ?? '';
    switch (c.op) {
      case 'attack':
        if (!first) throw new Error('attack needs an image');
        return plain((await client.attack(id, first, c.params as never)).result);
      case 'sweep':
        if (!first) throw new Error('sweep needs an image');
        return plain((await client.sweep(id, first, c.params as never)).result);
      case 'crossSection':
        if (!first) throw new Error('crossSection needs an image');
        return plain((await client.crossSection(id, first, c.params as never)).result);
      case 'predict':
        return plain((await client.predict(id, images)).result);
      case 'weights':
        return plain(await client.firstLayerWeights(id));
      case 'experiment': {
        const spec = c.spec as { images?: { data: number[]; labels: number[] } };
        const withImages = spec.images
          ? {
              ...spec,
              images: {
                ...spec.images,
                data: new Float32Array(spec.images.data),
                labels: new Int32Array(spec.images.labels),
              },
            }
          : spec;
        return plain((await client.runExperiment(withImages as never)).result);
      }
    }
  }, call);
}

/** The first `count` images as an experiment's plain `images` field. */
export function experimentImages(images: readonly PlainImage[]): {
  data: number[];
  labels: number[];
  count: number;
  shape: [number, number, number];
} {
  const first = images[0];
  if (!first) throw new Error('no images');
  return {
    data: images.flatMap((i) => i.data),
    labels: images.map((i) => i.label ?? -1),
    count: images.length,
    shape: [first.height, first.width, first.channels],
  };
}

/** An experiment spec whose images are plain (engineCall turns them into typed arrays). */
export type PlainExperimentSpec = Omit<ExperimentSpec, 'images'> & {
  images?: ReturnType<typeof experimentImages>;
};
