/**
 * The user's own picture (dropped, pasted, picked, fetched or drawn): the decoded pixels, the
 * user's adjustments, and whether it - rather than a test image - is the current image. The
 * tensor a model sees is derived per model by selectOwnPrepared (src/state/ownImageSelectors).
 */
import { DEFAULT_ADJUSTMENTS } from '../../shared/preprocess';
import type { AppSlice } from '../sliceTypes';
import type { LabelSource } from '../../shared/vocabulary';
import type { OwnImageData, OwnImageActions } from './ownImageTypes';
export type {
  OwnImage,
  QuantisedCheck,
  OwnImageData,
  NewOwnImage,
  OwnImageActions,
} from './ownImageTypes';

export const ownImageDefaults: OwnImageData = {
  imageSource: 'test',
  ownImage: null,
  quantisedCheck: null,
  labelSourceBeforeOwn: null,
};

/** The patch that leaves the user's picture for a test image: its loss label comes back. */
export function leaveOwnImage(s: OwnImageData & { labelSource: LabelSource }) {
  return s.labelSourceBeforeOwn !== null && s.imageSource === 'own'
    ? {
        imageSource: 'test' as const,
        labelSource: s.labelSourceBeforeOwn,
        labelSourceBeforeOwn: null,
      }
    : { imageSource: 'test' as const };
}

export const createOwnImageSlice: AppSlice<OwnImageData & OwnImageActions> = (set) => {
  let nextId = 1;
  return {
    ...ownImageDefaults,
    setOwnImage: (image, options) =>
      set((s) => ({
        ownImage: {
          ...image,
          id: nextId++,
          adjust:
            options?.keepSettings && s.ownImage ? s.ownImage.adjust : { ...DEFAULT_ADJUSTMENTS },
          labelName: options?.keepSettings && s.ownImage ? s.ownImage.labelName : null,
        },
        imageSource: 'own',
        probeImage: null,
        quantisedCheck: null,
        // its true class is unknown: attack the model's own prediction until the user says
        ...(options?.keepSettings && s.ownImage
          ? {}
          : {
              labelSource: 'predicted' as const,
              labelSourceBeforeOwn: s.labelSourceBeforeOwn ?? s.labelSource,
            }),
      })),
    setOwnAdjust: (patch) =>
      set((s) =>
        s.ownImage
          ? { ownImage: { ...s.ownImage, adjust: { ...s.ownImage.adjust, ...patch } } }
          : {},
      ),
    setOwnLabel: (labelName) =>
      set((s) =>
        s.ownImage
          ? {
              ownImage: { ...s.ownImage, labelName },
              labelSource: labelName === null ? 'predicted' : 'true',
            }
          : {},
      ),
    setImageSource: (imageSource) =>
      set((s) =>
        imageSource === 'test' || !s.ownImage
          ? { ...leaveOwnImage(s), probeImage: null }
          : { imageSource, probeImage: null },
      ),
    setQuantisedCheck: (quantisedCheck) => set({ quantisedCheck }),
  };
};
