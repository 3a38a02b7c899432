/** How a model wants its pixels: the part of a model manifest that preprocessing reads. */

/** The value range the model expects; the engine always works on pixels in [0, 1]. */
export type InputRange = '0-1' | '-1-1' | '0-255';

export interface PreprocessingSpec {
  /** MNIST recipe (grey, bright ink, 20x20 box, centred by mass) or a photo recipe. */
  recipe: 'mnist' | 'photo';
  colour: 'grey' | 'rgb';
  range: InputRange;
}
