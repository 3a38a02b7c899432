/**
 * The user's own picture as the selected model sees it, and the one current image every view
 * works on: a cross-section probe, else the own picture, else the selected test image.
 */
import type { ModelManifest } from '../models/manifest';
import { isOwnModelManifest } from '../models/ownModelManifest';
import type { ImageData01 } from '../shared/image';
import { imageAt } from '../shared/dataset';
import { prepareImage } from '../shared/preprocess';
import {
  selectProbe,
  selectSelectedManifest,
  selectShownDataset,
  selectTrueLabel,
} from './selectors';
import type { OwnImage } from './slices/ownImage';
import type { PreparedOwnImage, ProbeImage } from './outcomes';
import type { AppData } from './types';

/** one prepared tensor per (picture with its adjustments, model): stable identities for effects */
const cache = new WeakMap<OwnImage, { manifest: ModelManifest; prepared: PreparedOwnImage }>();

export function selectOwnPrepared(s: AppData): PreparedOwnImage | null {
  const own = s.ownImage;
  const manifest = selectSelectedManifest(s);
  if (!own || !manifest) return null;
  const hit = cache.get(own);
  if (hit?.manifest === manifest) return hit.prepared;
  const p = prepareImage(own.raster, manifest.preprocessing, manifest.inputShape, own.adjust);
  const prepared: PreparedOwnImage = {
    modelId: manifest.id,
    ownId: own.id,
    image: p.image,
    trueLabel: own.labelName === null ? -1 : manifest.classNames.indexOf(own.labelName),
    inverted: p.inverted,
    empty: p.empty,
    recipe: manifest.preprocessing.recipe,
  };
  cache.set(own, { manifest, prepared });
  return prepared;
}

/**
 * The drawing pad fits small grey pictures one can sketch: digits and clothing, and a grey
 * model the user brought.
 */
export function selectCanDraw(s: AppData): boolean {
  const m = selectSelectedManifest(s);
  if (!m) return false;
  if (m.preprocessing.recipe === 'mnist' || m.dataset === 'mnist' || m.dataset === 'fashion-mnist')
    return true;
  return isOwnModelManifest(m) && m.inputShape[2] === 1;
}

/** the prepared own picture when it is the current image */
export const selectActiveOwn = (s: AppData): PreparedOwnImage | null =>
  s.imageSource === 'own' ? selectOwnPrepared(s) : null;

/** The true class of the image shown now (probe, own picture or test image); null unknown. */
export const selectShownTrueLabel = (s: AppData): number | null => {
  const label = selectProbe(s)?.trueLabel ?? selectActiveOwn(s)?.trueLabel;
  if (label === undefined) return selectTrueLabel(s);
  return label >= 0 ? label : null;
};

/** The image the engine should attack, sweep or map now, with what it is. */
export interface EngineImage {
  image: ImageData01;
  /** the class as the model numbers them; -1 unknown */
  trueLabel: number;
  /** the test index (meaningful when neither probe nor own is set) */
  index: number;
  probe: ProbeImage | null;
  own: PreparedOwnImage | null;
}

/** Builds the current image (test images are copied out of the dataset on each call). */
export function currentEngineImage(s: AppData): EngineImage | null {
  const probe = selectProbe(s);
  const own = selectActiveOwn(s);
  const index = s.selectedIndex;
  if (probe) return { image: probe.image, trueLabel: probe.trueLabel, index, probe, own };
  if (own) return { image: own.image, trueLabel: own.trueLabel, index, probe: null, own };
  const dataset = selectShownDataset(s);
  if (!dataset || index >= dataset.count) return null;
  return { image: imageAt(dataset, index), trueLabel: selectTrueLabel(s) ?? -1, index, probe, own };
}
