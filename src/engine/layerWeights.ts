/**
 * First-layer weights as images (paper Fig. 2 and 3), in a file of their own so that api.ts and
 * trainingTypes.ts can both use them without an import cycle (api.ts re-exports them).
 */
export interface LayerWeights {
  layerName: string;
  kind: 'dense' | 'maxout' | 'conv' | 'rbf';
  /** number of units (dense/maxout/rbf: hidden units or classes; conv: filters) */
  units: number;
  /** maxout pieces per unit (1 otherwise) */
  pieces: number;
  /** [height, width, channels] of one weight image */
  imageShape: [number, number, number];
  /** units x pieces x (h*w*c), row-major, unit-major */
  data: Float32Array;
}
