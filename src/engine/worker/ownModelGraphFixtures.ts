/**
 * Tiny TF.js GraphModels as a converter writes them (imported only by tests): a 4x4 grey image,
 * Reshape -> MatMul -> BiasAdd (the logits), then one of the heads real converted classifiers
 * end in. tfjs cannot save a GraphModel, so model.json and the weights are written here by hand
 * in the converter's format; nothing is committed.
 */
import type { ModelFiles } from './ownModelFixtures';

export type GraphHead =
  /** BiasAdd -> Identity: logits */
  | 'logits'
  /** Softmax -> Identity, as the converter writes a Keras softmax output */
  | 'softmax-identity'
  /** Softmax -> Reshape -> Squeeze -> Identity */
  | 'softmax-reshape'
  /** one unit, Sigmoid -> Identity */
  | 'sigmoid'
  /** probabilities made without a Softmax op: Exp / Sum(Exp) */
  | 'softmax-by-hand';

/** the seven classes of a face-emotion model; the fixtures are confidently "happy" */
export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
export const HAPPY = 3;

const dim = (sizes: number[]) => ({ dim: sizes.map((s) => ({ size: String(s) })) });
const float = { type: 'DT_FLOAT' };

function constNode(name: string, dtype: 'DT_FLOAT' | 'DT_INT32', shape: number[]) {
  return {
    name,
    op: 'Const',
    attr: { dtype: { type: dtype }, value: { tensor: { dtype, tensorShape: dim(shape) } } },
  };
}

function op(name: string, kind: string, input: string[], attr: Record<string, unknown> = {}) {
  return { name, op: kind, input, attr: { T: float, ...attr } };
}

/** Deterministic weights: small mixed-sign kernel, bias +8 on `HAPPY` so p(happy) is about 1. */
function weights(classes: number): { w: Float32Array; b: Float32Array } {
  const w = new Float32Array(16 * classes);
  for (let i = 0; i < w.length; i++) w[i] = (((i * 7) % 11) - 5) / 10;
  const b = new Float32Array(classes);
  b[Math.min(HAPPY, classes - 1)] = 8;
  return { w, b };
}

function headNodes(head: GraphHead): object[] {
  switch (head) {
    case 'logits':
      return [op('Identity', 'Identity', ['logits'])];
    case 'softmax-identity':
    case 'sigmoid':
      return [
        op('probs', head === 'sigmoid' ? 'Sigmoid' : 'Softmax', ['logits']),
        op('Identity', 'Identity', ['probs']),
      ];
    case 'softmax-reshape':
      return [
        op('probs', 'Softmax', ['logits']),
        op('to4d', 'Reshape', ['probs', 'shape4d'], { Tshape: { type: 'DT_INT32' } }),
        op('squeezed', 'Squeeze', ['to4d'], { squeeze_dims: { list: { i: ['1', '2'] } } }),
        op('Identity', 'Identity', ['squeezed']),
      ];
    case 'softmax-by-hand':
      return [
        op('e', 'Exp', ['logits']),
        op('total', 'Sum', ['e', 'axis'], { Tidx: { type: 'DT_INT32' }, keep_dims: { b: true } }),
        op('Identity', 'RealDiv', ['e', 'total']),
      ];
  }
}

/** model.json + one weight file of a 4x4 grey classifier ending in `head`. */
export function graphModelFiles(head: GraphHead): ModelFiles {
  const classes = head === 'sigmoid' ? 1 : EMOTIONS.length;
  const { w, b } = weights(classes);
  // only the int constants the head uses: an unused node would count as a second output
  const ints: Record<string, number[]> = { flatShape: [-1, 16] };
  if (head === 'softmax-reshape') ints.shape4d = [-1, 1, 1, classes];
  if (head === 'softmax-by-hand') ints.axis = [1];
  const nodes = [
    {
      name: 'image',
      op: 'Placeholder',
      attr: { dtype: float, shape: { shape: dim([-1, 4, 4, 1]) } },
    },
    constNode('w', 'DT_FLOAT', [16, classes]),
    constNode('b', 'DT_FLOAT', [classes]),
    ...Object.entries(ints).map(([name, v]) => constNode(name, 'DT_INT32', [v.length])),
    op('flat', 'Reshape', ['image', 'flatShape'], { Tshape: { type: 'DT_INT32' } }),
    op('matmul', 'MatMul', ['flat', 'w'], {
      transpose_a: { b: false },
      transpose_b: { b: false },
    }),
    op('logits', 'BiasAdd', ['matmul', 'b']),
    ...headNodes(head),
  ];
  const specs = [
    { name: 'w', shape: [16, classes], dtype: 'float32' },
    { name: 'b', shape: [classes], dtype: 'float32' },
    ...Object.entries(ints).map(([name, v]) => ({ name, shape: [v.length], dtype: 'int32' })),
  ];
  const parts = [
    new Uint8Array(w.buffer),
    new Uint8Array(b.buffer),
    ...Object.values(ints).map((v) => new Uint8Array(Int32Array.from(v).buffer)),
  ];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  parts.reduce((offset, p) => (bytes.set(p, offset), offset + p.byteLength), 0);
  const json = {
    format: 'graph-model',
    generatedBy: '2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: { node: nodes, library: {}, versions: { producer: 1645 } },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: specs }],
  };
  return {
    'model.json': new TextEncoder().encode(JSON.stringify(json)),
    'group1-shard1of1.bin': bytes,
  };
}
