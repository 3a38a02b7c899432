/** The own-picture slice's types (see ownImage.ts), apart so types.ts composes them without a cycle. */
import type { LabelSource, Prediction } from '../../engine/api';
import type { Adjustments, RgbaRaster } from '../../shared/preprocess';
import type { AttackOutcome } from '../outcomes';

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
  /** the loss label before a picture without a known class forced 'predicted'; restored when
   * the user goes back to (labelled) test images */
  labelSourceBeforeOwn: LabelSource | null;
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
