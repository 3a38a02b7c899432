/** One image in [0, 1], HWC: what every layer passes around (engine, preprocessing, datasets). */
export interface ImageData01 {
  data: Float32Array;
  height: number;
  width: number;
  channels: number;
}
