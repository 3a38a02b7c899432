/**
 * Small own-model fixtures (imported only by tests: the unit tests and e2e/own-model.spec.ts):
 * a real tfjs model saved as model.json + weights.bin, and every broken variant the loader
 * must refuse with a clear message. Built with tfjs at test time; nothing is committed.
 */
import * as tf from '@tensorflow/tfjs';

export type ModelFiles = Record<string, Uint8Array>;

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

interface Saved {
  topology: unknown;
  specs: tf.io.WeightsManifestEntry[];
  weights: Uint8Array;
}

async function save(model: tf.LayersModel): Promise<Saved> {
  let saved: Saved | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      if (!(data instanceof ArrayBuffer)) throw new Error('expected one weight buffer');
      saved = {
        topology: artifacts.modelTopology,
        specs: artifacts.weightSpecs ?? [],
        weights: new Uint8Array(data.slice(0)),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (saved === null) throw new Error('model.save gave nothing');
  return saved;
}

function files(saved: Saved, extra: Record<string, unknown> = {}): ModelFiles {
  const json = {
    modelTopology: saved.topology,
    format: 'layers-model',
    weightsManifest: [{ paths: ['weights.bin'], weights: saved.specs }],
    ...extra,
  };
  return { 'model.json': encode(JSON.stringify(json)), 'weights.bin': saved.weights };
}

/** 8x8 RGB -> conv 3x3x4 -> flatten -> dense 3 with activation 'softmax' inside. */
export function softmaxInsideModel(seed = 1): tf.LayersModel {
  const init = (s: number) => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: s });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [8, 8, 3],
        filters: 4,
        kernelSize: 3,
        kernelInitializer: init(seed),
        biasInitializer: init(seed + 1),
      }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: 3,
        activation: 'softmax',
        kernelInitializer: init(seed + 2),
        biasInitializer: init(seed + 3),
      }),
    ],
  });
}

/** 4x4 grey, flat input [16] -> dense 5 (linear) -> Activation softmax -> reshape [5]. */
export function separateSoftmaxModel(): tf.LayersModel {
  const input = tf.input({ shape: [16] });
  const logits = tf.layers
    .dense({
      units: 5,
      name: 'scores',
      kernelInitializer: tf.initializers.randomUniform({ seed: 7 }),
    })
    .apply(input) as tf.SymbolicTensor;
  const probs = tf.layers.activation({ activation: 'softmax', name: 'probs' }).apply(logits);
  const out = tf.layers.reshape({ targetShape: [5] }).apply(probs) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

function twoInputModel(): tf.LayersModel {
  const a = tf.input({ shape: [8, 8, 3] });
  const b = tf.input({ shape: [8, 8, 3] });
  const sum = tf.layers.add().apply([a, b]) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(sum);
  const out = tf.layers.dense({ units: 3 }).apply(flat) as tf.SymbolicTensor;
  return tf.model({ inputs: [a, b], outputs: out });
}

export type BadModelKind =
  | 'not-json'
  | 'not-a-model'
  | 'missing-weights'
  | 'truncated-weights'
  | 'mismatched-weights'
  | 'two-inputs'
  | 'too-big'
  | 'nan-weights';

export const BAD_MODEL_KINDS: readonly BadModelKind[] = [
  'not-json',
  'not-a-model',
  'missing-weights',
  'truncated-weights',
  'mismatched-weights',
  'two-inputs',
  'too-big',
  'nan-weights',
];

/** A phrase each refusal's message must contain. */
export const BAD_MODEL_MESSAGES: Record<BadModelKind, RegExp> = {
  'not-json': /model\.json is not JSON/,
  'not-a-model': /not a TF\.js model/,
  'missing-weights': /HTTP 404 for weight file 'weights\.bin'/,
  'truncated-weights': /is truncated/,
  'mismatched-weights':
    /weight \S+\/kernel in weights\.bin has shape \[4,3,3,3\], but layer \S+ expects \[3,3,3,4\]/,
  'two-inputs': /2 inputs/,
  'too-big': /more than the 100\.0 MB/,
  'nan-weights': /NaN or infinite/,
};

/** The good model (softmax inside its last Dense layer) as files. */
export async function goodModelFiles(): Promise<ModelFiles> {
  const model = softmaxInsideModel();
  try {
    return files(await save(model));
  } finally {
    model.dispose();
  }
}

/** flatten -> dense `classes` softmax on `inputShape` (e.g. 28x28x1 and 10: MNIST's shape) */
export async function denseModelFiles(
  inputShape: [number, number, number],
  classes: number,
): Promise<ModelFiles> {
  const init = tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: 3 });
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape }),
      tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init }),
    ],
  });
  try {
    return files(await save(model));
  } finally {
    model.dispose();
  }
}

export async function badModelFiles(kind: BadModelKind): Promise<ModelFiles> {
  if (kind === 'not-json')
    return { 'model.json': encode('{"modelTopology": oops, this is not JSON') };
  if (kind === 'not-a-model')
    return { 'model.json': encode('{"name": "a package.json, not a model"}') };
  if (kind === 'two-inputs') {
    const model = twoInputModel();
    try {
      return files(await save(model));
    } finally {
      model.dispose();
    }
  }
  const model = softmaxInsideModel();
  let saved: Saved;
  try {
    saved = await save(model);
  } finally {
    model.dispose();
  }
  switch (kind) {
    case 'missing-weights': {
      const { 'model.json': json } = files(saved);
      return { 'model.json': json as Uint8Array };
    }
    case 'truncated-weights':
      return {
        ...files(saved),
        'weights.bin': saved.weights.slice(0, saved.weights.byteLength >> 1),
      };
    case 'mismatched-weights': {
      // the same bytes, but the conv kernel declared [4, 3, 3, 3] instead of [3, 3, 3, 4]
      const specs = saved.specs.map((s, i) =>
        i === 0 ? { ...s, shape: [...s.shape].reverse() } : s,
      );
      return files({ ...saved, specs });
    }
    case 'too-big': {
      // 50 M float32 = 200 MB claimed; the weight file does not exist and must not be asked for
      const specs = [
        ...saved.specs,
        { name: 'huge', shape: [50_000_000], dtype: 'float32' as const },
      ];
      return { 'model.json': files({ ...saved, specs })['model.json'] as Uint8Array };
    }
    case 'nan-weights': {
      const weights = saved.weights.slice(0);
      new Float32Array(weights.buffer, 0, 1)[0] = Number.NaN;
      return files({ ...saved, weights });
    }
  }
}

/** A fetch that serves `files` under `base` and 404s everything else; records what was asked. */
export function fetchFromFiles(base: string, served: ModelFiles, asked: string[] = []) {
  return async (url: string): Promise<Response> => {
    asked.push(url);
    const name = url.startsWith(base) ? url.slice(base.length) : null;
    const body = name === null ? undefined : served[name];
    if (body === undefined) return new Response('not found', { status: 404 });
    return new Response(body.slice(0), {
      status: 200,
      headers: { 'content-length': String(body.byteLength) },
    });
  };
}
