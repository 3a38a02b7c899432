/**
 * Compares an own model's weightsManifest with the weights its layers were built with, before
 * tfjs loads them: tfjs's own error ("Shape mismatch: [784,10] vs. [784,12]") names neither the
 * weight nor which shape is whose, so the user could not tell what to fix.
 */
import type * as tf from '@tensorflow/tfjs';

/** A weight a built layer owns: the name the weightsManifest must use for it. */
export interface ExpectedWeight {
  name: string;
  layer: string;
  /** a variable's shape is always known; tfjs types it as a layer shape */
  shape: readonly (number | null)[];
}

const shapeText = (shape: readonly (number | null)[]): string =>
  `[${shape.map((d) => d ?? '?').join(',')}]`;

/** The weights of a built LayersModel, under the names model.save writes. */
export function expectedWeights(model: tf.LayersModel): ExpectedWeight[] {
  return model.layers.flatMap((layer) =>
    layer.weights.map((w) => ({ name: w.originalName, layer: layer.name, shape: w.shape })),
  );
}

/** Keras 3 names weights layer/index; tfjs then matches them by position (its own check). */
const kerasThreeNames = (specs: readonly tf.io.WeightsManifestEntry[]): boolean =>
  specs.length > 0 && /\/\d+$/.test(specs[0]?.name ?? '');

/**
 * The first disagreement as a sentence for the user, or null when every spec fits. Names are
 * matched as tfjs's loadWeights matches them (also without an RNN cell's name, TF >= 2.2), so
 * nothing tfjs would load is refused. `fileOf` maps a spec's name to the file(s) holding it.
 */
export function weightSpecProblem(
  expected: readonly ExpectedWeight[],
  specs: readonly tf.io.WeightsManifestEntry[],
  fileOf: Readonly<Record<string, string>>,
): string | null {
  if (kerasThreeNames(specs)) return null;
  const byName = new Map(expected.map((w) => [w.name, w]));
  const where = (name: string): string => (fileOf[name] ? ` in ${fileOf[name]}` : '');
  const matched = new Set<string>();
  for (const spec of specs) {
    const tokens = spec.name.split('/');
    const withoutCell = [...tokens.slice(0, -2), tokens[tokens.length - 1]].join('/');
    const weight = byName.get(spec.name) ?? byName.get(withoutCell);
    if (weight === undefined) {
      if (spec.group === 'optimizer') continue;
      return `weight ${spec.name}${where(spec.name)} belongs to no layer of the model`;
    }
    matched.add(weight.name);
    const same =
      spec.shape.length === weight.shape.length &&
      spec.shape.every((d, i) => d === weight.shape[i]);
    if (!same)
      return `weight ${spec.name}${where(spec.name)} has shape ${shapeText(spec.shape)}, but layer ${weight.layer} expects ${shapeText(weight.shape)}`;
  }
  const missing = expected.find((w) => !matched.has(w.name));
  return missing
    ? `layer ${missing.layer} expects a weight ${missing.name} of shape ${shapeText(missing.shape)}, but model.json's weightsManifest has none`
    : null;
}
