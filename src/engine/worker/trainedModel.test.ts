/**
 * A Training lab result is a model: its files (model.json + weights.bin) load back through the
 * own-model path the "Use your own model" dialog takes, and the loaded classifier gives the
 * trained network's logits.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../shared/rng';
import { registerCustomLayers } from '../layers/register';
import { DEFAULT_TRAINING_SPEC, type TrainingSpec } from '../trainingTypes';
import type { LabData } from '../core/training/labData';
import { LabRun } from '../core/training/labRun';
import { WEIGHTS_FILE } from '../core/training/modelFiles';
import { loadOwnModel } from './ownModelLoad';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomLayers();
});

function images(count: number, seed: number) {
  const rng = createRng(seed);
  const pixels = Uint8Array.from({ length: count * 16 }, () => Math.floor(256 * rng.next()));
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 3);
  return { pixels, labels, count, dim: 16 };
}

const DATA: LabData = {
  train: images(96, 1),
  heldOut: images(50, 2),
  classNames: ['a', 'b', 'c'],
  imageShape: [4, 4, 1],
};

describe('trained lab model files', () => {
  for (const architecture of ['softmax', 'maxout'] as const) {
    it(`${architecture}: loads back as an own model with the same logits`, async () => {
      const spec: TrainingSpec = {
        ...DEFAULT_TRAINING_SPEC,
        architecture,
        units: 8,
        pieces: 2,
        batchSize: 32,
        epochs: 1,
      };
      const run = new LabRun(spec, DATA);
      const { model } = await run.run();
      const files = new Map<string, BodyInit>([
        ['http://lab/model.json', model.modelJson],
        [`http://lab/${WEIGHTS_FILE}`, new Uint8Array(model.weights)],
      ]);
      const fetchImpl = async (url: string) =>
        new Response(files.get(url) ?? null, { status: files.has(url) ? 200 : 404 });
      const loaded = await loadOwnModel(
        { ...run.manifest, id: 'own-trained-1', url: 'http://lab/model.json' },
        fetchImpl,
      );
      const x = tf.tensor4d(images(5, 3).pixels, [5, 4, 4, 1]).div(255) as tf.Tensor4D;
      const want = await run.classifier.logits(x).data();
      const got = await loaded.classifier.logits(x).data();
      // writing maxout kernels projects them through the max-norm constraint once more, which
      // scales every column by norm / (1e-7 + norm): equal up to float32 rounding
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
      expect(model.title).toContain(
        architecture === 'softmax' ? 'softmax regression' : 'maxout 8x2',
      );
      loaded.release();
      run.dispose();
    });
  }
});
