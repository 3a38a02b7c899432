/**
 * A picture (or crop) far smaller than the model's input is scaled up without complaint, and
 * the model is then shown a few big blurred blocks: the user must be told, or a 5×5 icon's
 * prediction reads as if the model had seen a real picture.
 */
import { cropRegion, type Rect } from '../../shared/preprocess';

interface Size {
  width: number;
  height: number;
}

/** Below this fraction of the model's side (either side), the picture counts as much smaller. */
const SMALL_FRACTION = 0.5;

/** A sentence for a picture much smaller than the model's input; null otherwise. */
export function smallPictureNote(picture: Size, input: Size, cropped: boolean): string | null {
  const width = Math.max(1, Math.round(picture.width));
  const height = Math.max(1, Math.round(picture.height));
  const small = width < input.width * SMALL_FRACTION || height < input.height * SMALL_FRACTION;
  if (!small) return null;
  const factor = Math.round(Math.max(input.width / width, input.height / height));
  return (
    `Your ${cropped ? 'crop' : 'picture'} is only ${width}×${height} pixels, much smaller than ` +
    `the model’s ${input.width}×${input.height} input: it was scaled up about ${factor}×, so ` +
    'the model sees a blur of big blocks, not detail.'
  );
}

/** The note for the user's picture (or its crop, fitted as the model will see it). */
export function ownPictureNote(
  picture: Size,
  crop: Rect | null,
  inputShape: readonly [number, number, number],
): string | null {
  const [height, width] = inputShape;
  const seen = crop ? cropRegion(crop, picture.width, picture.height, width / height) : picture;
  return smallPictureNote(seen, { width, height }, crop !== null);
}
