/**
 * The user's own picture (dropped, pasted, picked, fetched or drawn): the decoded pixels, the
 * user's adjustments, and whether it - rather than a test image - is the current image. The
 * tensor a model sees is derived per model by selectOwnPrepared (src/state/ownImageSelectors).
 */
import { DEFAULT_ADJUSTMENTS } from '../../shared/preprocess';
import type { AppSlice } from '../sliceTypes';
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
};

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
        ...(options?.keepSettings && s.ownImage ? {} : { labelSource: 'predicted' as const }),
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
      set((s) => ({
        imageSource: imageSource === 'own' && !s.ownImage ? 'test' : imageSource,
        probeImage: null,
      })),
    setQuantisedCheck: (quantisedCheck) => set({ quantisedCheck }),
  };
};
