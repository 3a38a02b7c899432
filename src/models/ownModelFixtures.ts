/**
 * An own model's manifest as the app makes it from a checked model.json, for the unit tests of
 * what follows from it (imported only by *.test.ts files).
 */
import type { ModelManifest } from './manifest';
import { defaultClassNames, ownModelManifest } from './ownModelManifest';

export interface OwnTestModel {
  imageShape: [number, number, number];
  /** outputs, named class 0..N-1 as when the user gives no names (default 10) */
  classes?: number;
  id?: string;
  name?: string;
  dataset?: 'custom' | 'imagenet';
}

export function ownTestManifest(model: OwnTestModel): ModelManifest {
  const { imageShape, classes = 10, id = 'own-1', name = 'net', dataset } = model;
  const manifest = ownModelManifest({
    id,
    name,
    url: `blob:${id}`,
    facts: {
      format: 'layers',
      inputShape: [...imageShape],
      inputName: 'x',
      weightGroups: [],
      totalWeightBytes: 0,
      size: 3,
    },
    imageShape,
    range: '0-1',
    classNames: [],
    ...(dataset ? { dataset } : {}),
  });
  return { ...manifest, classNames: defaultClassNames(classes) };
}
