/**
 * The user's own picture (dropped, pasted, picked, fetched or drawn): the decoded pixels, the
 * user's adjustments, and whether it - rather than a test image - is the current image. The
 * tensor a model sees is derived per model by selectOwnPrepared (src/state/ownImageSelectors).
 */
import type { Prediction } from '../../engine/api';
import { DEFAULT_ADJUSTMENTS, type Adjustments, type RgbaRaster } from '../../shared/preprocess';
import type { AppSlice } from '../sliceTypes';
import type { AttackOutcome } from '../types';

export interface OwnImage {
  /** bumps with every new picture */
  id: number;
  /** "digit.png", "pasted picture", "drawing", or the URL it came from */
  name: string;
  /** decoded pixels, at most OWN_IMAGE_MAX_SIDE on the long side */
  raster: RgbaRaster;
  /** the picture's own size before any downscaling */
  originalWidth: number;
  originalHeight: number;
  /** what the user should know about how it was read ("animated: first frame used") */
  notes: string[];
  adjust: Adjustments;
  /** the class the user says it shows, by name (so it survives a model change); null: unknown */
  labelName: string | null;
}

/** The 8-bit (saved PNG) version of an attack result, classified again by the engine. */
export type QuantisedCheck =
  | { status: 'checking'; outcome: AttackOutcome }
  | { status: 'done'; outcome: AttackOutcome; prediction: Prediction; fools: boolean }
  | { status: 'error'; outcome: AttackOutcome; message: string };

export interface OwnImageData {
  /** which picture the views show: the selected test image, or the user's own */
  imageSource: 'test' | 'own';
  ownImage: OwnImage | null;
  quantisedCheck: QuantisedCheck | null;
}

export type NewOwnImage = Omit<OwnImage, 'id' | 'adjust' | 'labelName'>;

export interface OwnImageActions {
  /**
   * makes a new picture the current image; adjustments reset and the label becomes unknown,
   * unless `keepSettings` (the next stroke of the same drawing)
   */
  setOwnImage(image: NewOwnImage, options?: { keepSettings?: boolean }): void;
  setOwnAdjust(patch: Partial<Adjustments>): void;
  setOwnLabel(labelName: string | null): void;
  setImageSource(source: OwnImageData['imageSource']): void;
  setQuantisedCheck(check: QuantisedCheck | null): void;
}

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
