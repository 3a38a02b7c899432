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

/**
 * The first disagreement as a sentence for the user, or null when every spec fits.
 * `fileOf` maps a spec's name to the weight file(s) holding it.
 */
export function weightSpecProblem(
  expected: readonly ExpectedWeight[],
  specs: readonly tf.io.WeightsManifestEntry[],
  fileOf: Readonly<Record<string, string>>,
): string | null {
  const given = new Map(specs.map((s) => [s.name, s]));
  const where = (name: string): string => (fileOf[name] ? ` in ${fileOf[name]}` : '');
  for (const weight of expected) {
    const spec = given.get(weight.name);
    if (spec === undefined)
      return `layer ${weight.layer} expects a weight ${weight.name} of shape ${shapeText(weight.shape)}, but model.json's weightsManifest has none`;
    const same =
      spec.shape.length === weight.shape.length &&
      spec.shape.every((d, i) => d === weight.shape[i]);
    if (!same)
      return `weight ${weight.name}${where(weight.name)} has shape ${shapeText(spec.shape)}, but layer ${weight.layer} expects ${shapeText(weight.shape)}`;
  }
  const owned = new Set(expected.map((w) => w.name));
  const stray = specs.find((s) => !owned.has(s.name) && s.group !== 'optimizer');
  return stray ? `weight ${stray.name}${where(stray.name)} belongs to no layer of the model` : null;
}
