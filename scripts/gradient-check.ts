/**
 * How far FGSM directions are from a float64 reference, for the engine's stable gradient and for
 * tfjs's own softmax cross-entropy gradient (the engine's formula before issue 20):
 *   npm run gradient-check -- [--model id] [--limit N] [--backend auto|wasm|cpu]
 * Covers the dense and maxout models (the float64 reference's scope) on their test sets.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { classifierFromLayersModel } from '../src/engine/core/layersClassifier';
import { chooseBackend, parseBackend, releaseBackend } from './lib/backend';
import { checkGradients, type DirectionDisagreement } from './lib/gradientCheck';
import { loadDataset } from './lib/loadDataset';
import { loadModelFromDir } from './lib/modelFiles';
import { MODELS_DIR, readModelIndex } from './lib/modelIndex';
import { labelledSet } from './lib/trainingData';

const REFERENCE_LAYERS = new Set(['Dense', 'Maxout']);

function describe(d: DirectionDisagreement): string {
  return (
    `${(100 * d.pixels).toFixed(4)}% of pixels differ in sign, ` +
    `${d.imagesOver5Percent} images over 5%`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { model: { type: 'string' }, limit: { type: 'string' }, backend: { type: 'string' } },
  });
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!(limit > 0)) throw new Error('--limit must be a positive number');
  const backend = await chooseBackend(parseBackend(values.backend));
  const index = await readModelIndex();
  const targets = index.models.filter(
    (m) =>
      (values.model === undefined || m.id === values.model) &&
      m.members === undefined &&
      m.output === 'logits' &&
      (m.dataset === 'mnist' || m.dataset === 'fashion-mnist'),
  );
  if (targets.length === 0) throw new Error(`no dense or maxout model "${values.model ?? ''}"`);
  for (const m of targets) {
    const model = await loadModelFromDir(join(MODELS_DIR, m.id));
    if (!model.layers.every((l) => REFERENCE_LAYERS.has(l.getClassName()))) {
      process.stderr.write(`${m.id}: not dense/maxout only, skipped\n`);
      model.dispose();
      continue;
    }
    const ds = await loadDataset(m.dataset as 'mnist' | 'fashion-mnist', 'test');
    const set = labelledSet(ds, 0, Math.min(limit, ds.count));
    const started = Date.now();
    const check = await checkGradients(classifierFromLayersModel(model, m), model, set);
    console.log(
      `${m.id} (${backend.name}, ${set.count} test images, ${check.engine.saturated} with p_y = 1 in float32, ` +
        `${((Date.now() - started) / 1000).toFixed(0)} s)\n` +
        `  engine (stable):  ${describe(check.engine)}\n` +
        `  tfjs's own grad:  ${describe(check.tfjsOwn)}`,
    );
    model.dispose();
  }
  releaseBackend();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
