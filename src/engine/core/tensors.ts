/** Moving images between the API's ImageData01 (HWC, [0, 1]) and NHWC tensors. */
import * as tf from '@tensorflow/tfjs';
import type { ImageData01 } from '../api';

/** Stacks images of one shape into a [batch, height, width, channels] tensor (one upload). */
export function imagesToTensor(images: readonly ImageData01[]): tf.Tensor4D {
  const first = images[0];
  if (first === undefined) throw new RangeError('imagesToTensor needs at least one image');
  const { height, width, channels } = first;
  const size = height * width * channels;
  const data = new Float32Array(images.length * size);
  images.forEach((image, i) => {
    if (image.height !== height || image.width !== width || image.channels !== channels) {
      throw new RangeError('imagesToTensor: all images must have the same shape');
    }
    data.set(image.data, i * size);
  });
  return tf.tensor4d(data, [images.length, height, width, channels], 'float32');
}

export function imageToTensor(image: ImageData01): tf.Tensor4D {
  return tf.tensor4d(image.data, [1, image.height, image.width, image.channels], 'float32');
}

/**
 * Reads a float tensor into a fresh array. The cpu backend's `data()` hands back its own storage,
 * and results may be mutated or transferred to another thread, so always copy.
 */
export async function readFloat32(t: tf.Tensor): Promise<Float32Array> {
  return new Float32Array(await t.data<'float32'>());
}

export async function readInt32(t: tf.Tensor): Promise<Int32Array> {
  return new Int32Array(await t.data<'int32'>());
}

/** Reads a [batch, h, w, c] tensor back into separate images. */
export async function tensorToImages(t: tf.Tensor4D): Promise<ImageData01[]> {
  const [batch, height, width, channels] = t.shape;
  const data = await readFloat32(t);
  const size = height * width * channels;
  return Array.from({ length: batch }, (_, i) => ({
    data: data.slice(i * size, (i + 1) * size),
    height,
    width,
    channels,
  }));
}
