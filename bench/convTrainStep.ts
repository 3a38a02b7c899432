/**
 * Times one training step (Adam, softmax cross-entropy, forward + backward) of a VGG-style conv
 * net with batch normalisation on 32x32x3 inputs in Node, and lists the slowest kernels:
 *   npx tsx bench/convTrainStep.ts [--widths 24,48,96] [--batch 64] [--backend wasm|cpu] [--repeats 4]
 * This is the step `npm run train -- --model cifar10-conv` repeats; it is how the engine's conv
 * and batch-norm gradients (src/engine/core/wasmConvGradients.ts, batchNormGradient.ts) were chosen.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, parseBackend } from '../scripts/lib/backend';
import { vggNet } from '../scripts/lib/convNet';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      widths: { type: 'string', default: '24,48,96' },
      batch: { type: 'string', default: '64' },
      backend: { type: 'string', default: 'wasm' },
      repeats: { type: 'string', default: '4' },
    },
  });
  const widths = values.widths.split(',').map(Number);
  const batch = Number(values.batch);
  const repeats = Number(values.repeats);
  if (widths.some((w) => !(w > 0)) || !(batch > 0) || !(repeats > 0)) {
    throw new Error('--widths, --batch and --repeats must be positive numbers');
  }
  const backend = await chooseBackend(parseBackend(values.backend));
  const model = vggNet(0, 10, widths);
  const optimizer = tf.train.adam(1e-3);
  const x = tf.randomUniform([batch, 32, 32, 3], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 2), 10);
  const step = (): tf.Scalar =>
    optimizer.minimize(
      () =>
        tf.losses.softmaxCrossEntropy(
          y,
          model.apply(x, { training: true }) as tf.Tensor,
        ) as tf.Scalar,
      true,
    ) as tf.Scalar;
  (await Promise.resolve(step())).dispose(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const loss = step();
    await loss.data();
    loss.dispose();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? NaN;
  const forwardStart = performance.now();
  const out = tf.tidy(() => model.apply(x) as tf.Tensor);
  await out.data();
  out.dispose();
  const forward = performance.now() - forwardStart;
  const profile = await tf.profile(async () => {
    const loss = step();
    await loss.data();
    loss.dispose();
  });
  const byKernel = new Map<string, number>();
  for (const k of profile.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + ms);
  }
  const top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 8);
  process.stdout.write(
    `${backend.name}, widths ${widths.join('-')}, batch ${batch}: training step median ` +
      `${median.toFixed(0)} ms (${(median / batch).toFixed(2)} ms per image), ` +
      `forward ${forward.toFixed(0)} ms\nslowest kernels in one step (ms): ` +
      `${top.map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `convTrainStep: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
