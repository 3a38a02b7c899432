/**
 * A plain-JS float64 forward and backward pass for small dense/maxout networks: the reference the
 * stable-gradient tests compare the engine's float32 FGSM directions with (imported only by
 * *.test.ts files). The true-class entry of p - onehot is formed as -sum_{k != y} p_k here too,
 * because even float64 rounds 1 - p_y to a few digits when the logit gap exceeds ~30.
 */

export type ReferenceLayer =
  | { kind: 'dense'; kernel: Float64Array; bias: Float64Array; units: number; relu: boolean }
  | { kind: 'maxout'; kernel: Float64Array; bias: Float64Array; units: number; pieces: number };

/** kernel [inDim, outDim] row-major, as tfjs stores it */
function affine(x: Float64Array, kernel: Float64Array, bias: Float64Array): Float64Array {
  const out = Float64Array.from(bias);
  const outDim = bias.length;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    if (xi === 0) continue;
    const row = i * outDim;
    for (let j = 0; j < outDim; j++) out[j] = (out[j] ?? 0) + xi * (kernel[row + j] ?? 0);
  }
  return out;
}

/** out[i] = sum_j kernel[i, j] * g[j]: the backward product through an affine map. */
function affineBackward(g: Float64Array, kernel: Float64Array, inDim: number): Float64Array {
  const outDim = g.length;
  const back = new Float64Array(inDim);
  for (let i = 0; i < inDim; i++) {
    let s = 0;
    const row = i * outDim;
    for (let j = 0; j < outDim; j++) s += (kernel[row + j] ?? 0) * (g[j] ?? 0);
    back[i] = s;
  }
  return back;
}

interface Trace {
  input: Float64Array;
  /** for maxout: the winning column per unit; for relu: 1/0 per unit */
  route: Int32Array;
}

/** Logits of one flat image, with what the backward pass needs. */
export function referenceLogits(
  layers: readonly ReferenceLayer[],
  image: ArrayLike<number>,
): { logits: Float64Array; traces: Trace[] } {
  let h = Float64Array.from(image);
  const traces: Trace[] = [];
  for (const layer of layers) {
    const z = affine(h, layer.kernel, layer.bias);
    if (layer.kind === 'dense') {
      const route = new Int32Array(layer.units).map((_, j) =>
        !layer.relu || (z[j] ?? 0) > 0 ? 1 : 0,
      );
      traces.push({ input: h, route });
      h = z.map((v, j) => (route[j] ? v : 0));
    } else {
      const route = new Int32Array(layer.units);
      const out = new Float64Array(layer.units);
      for (let u = 0; u < layer.units; u++) {
        let best = u * layer.pieces;
        for (let k = 1; k < layer.pieces; k++) {
          if ((z[u * layer.pieces + k] ?? 0) > (z[best] ?? 0)) best = u * layer.pieces + k;
        }
        route[u] = best;
        out[u] = z[best] ?? 0;
      }
      traces.push({ input: h, route });
      h = out;
    }
  }
  return { logits: h, traces };
}

/** p - onehot(label) with the true-class entry -sum_{k != y} p_k, in float64. */
export function referenceLogitGradient(logits: Float64Array, label: number): Float64Array {
  const top = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - top));
  const total = e.reduce((a, b) => a + b, 0);
  const p = e.map((v) => v / total);
  let others = 0;
  p.forEach((v, k) => (others += k === label ? 0 : v));
  return p.map((v, k) => (k === label ? -others : v));
}

/** grad_x of the cross-entropy of one image with respect to its pixels, in float64. */
export function referenceInputGradient(
  layers: readonly ReferenceLayer[],
  image: ArrayLike<number>,
  label: number,
  logitGradient: (logits: Float64Array, label: number) => Float64Array = referenceLogitGradient,
): Float64Array {
  const { logits, traces } = referenceLogits(layers, image);
  let g = logitGradient(logits, label);
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l];
    const trace = traces[l];
    if (layer === undefined || trace === undefined) throw new Error('reference: missing layer');
    let gz: Float64Array;
    if (layer.kind === 'dense') {
      gz = g.map((v, j) => (trace.route[j] ? v : 0));
    } else {
      gz = new Float64Array(layer.units * layer.pieces);
      trace.route.forEach((column, u) => (gz[column] = g[u] ?? 0));
    }
    g = affineBackward(gz, layer.kernel, trace.input.length);
  }
  return g;
}

/** Fraction of entries whose signs differ, ignoring those the reference puts at exactly 0. */
export function signDisagreement(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  let differ = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = Math.sign(reference[i] ?? 0);
    if (r !== 0 && Math.sign(actual[i] ?? 0) !== r) differ++;
  }
  return differ / reference.length;
}

/** The float64 layers of a Sequential of Dense (ReLU or linear) and Maxout layers. */
export function referenceLayersOf(model: {
  layers: readonly {
    getClassName(): string;
    getConfig(): object;
    getWeights(): { dataSync(): ArrayLike<number> }[];
  }[];
}): ReferenceLayer[] {
  return model.layers.map((layer) => {
    const [kernel, bias] = layer.getWeights().map((w) => Float64Array.from(w.dataSync()));
    if (kernel === undefined || bias === undefined)
      throw new Error('reference: layer without weights');
    const config = layer.getConfig() as { activation?: string; units?: number; pieces?: number };
    if (layer.getClassName() === 'Maxout') {
      const pieces = config.pieces ?? 1;
      return { kind: 'maxout', kernel, bias, units: bias.length / pieces, pieces };
    }
    if (layer.getClassName() !== 'Dense') throw new Error(`reference: ${layer.getClassName()}`);
    const activation = config.activation ?? 'linear';
    if (activation !== 'relu' && activation !== 'linear')
      throw new Error(`reference: ${activation}`);
    return { kind: 'dense', kernel, bias, units: bias.length, relu: activation === 'relu' };
  });
}
