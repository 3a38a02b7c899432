import type { PreparedOwnImage } from '../../state';

/** One sentence on what the preprocessing did, for the preview. */
export function recipeText(p: PreparedOwnImage, cropped = false): string {
  const { width, height, channels } = p.image;
  if (p.recipe === 'mnist') {
    const inverted = p.inverted ? 'light background, so light and dark swapped; ' : '';
    const within = cropped ? ' (inside your crop)' : '';
    if (p.empty)
      return `MNIST recipe: ${inverted}no ink found - the model sees a blank ${width}×${height} image. Try another threshold or invert setting.`;
    return `MNIST recipe: grey, ${inverted}ink bright on dark, its bounding box${within} fitted into ${Math.round((20 / 28) * width)}×${Math.round((20 / 28) * height)} keeping the aspect ratio, centred by centre of mass in ${width}×${height}.`;
  }
  const colour = channels === 1 ? 'grey' : 'RGB';
  const crop = cropped ? 'your crop' : "centre crop to the input's shape";
  return `Photo recipe: ${crop}, area-average resize to ${width}×${height}, ${colour}${p.inverted ? ', inverted' : ''}.`;
}
