import { describe, expect, it } from 'vitest';
import { encodeCifarRecords } from './cifarRecords';
import { CIFAR10, MNIST } from './datasetCatalog';
import { encodeIdxImages, encodeIdxLabels } from './idx';
import { parseDataset } from './parseDataset';

const images = (count: number, side = 28) =>
  encodeIdxImages({
    count,
    height: side,
    width: side,
    pixels: new Uint8Array(count * side * side).map((_, i) => i % 251),
  });

describe('parseDataset', () => {
  it('joins IDX images and labels into a Dataset with the catalog class names', () => {
    const files = new Map([
      ['t10k-images-idx3-ubyte.gz', images(3)],
      ['t10k-labels-idx1-ubyte.gz', encodeIdxLabels(Uint8Array.from([7, 2, 1]))],
    ]);
    const ds = parseDataset(MNIST, 'test', files);
    expect([ds.id, ds.split, ds.count, ds.height, ds.width, ds.channels]).toEqual([
      'mnist',
      'test',
      3,
      28,
      28,
      1,
    ]);
    expect(Array.from(ds.labels)).toEqual([7, 2, 1]);
    expect(ds.pixels[784 + 5]).toBe((784 + 5) % 251);
    expect(ds.classNames[7]).toBe('7');
  });

  it('rejects mismatched counts, labels out of range, wrong image size, missing files', () => {
    const labels = (l: number[]) => encodeIdxLabels(Uint8Array.from(l));
    const parse = (img: Uint8Array, lab: Uint8Array) =>
      parseDataset(
        MNIST,
        'test',
        new Map([
          ['t10k-images-idx3-ubyte.gz', img],
          ['t10k-labels-idx1-ubyte.gz', lab],
        ]),
      );
    expect(() => parse(images(3), labels([1, 2]))).toThrow(
      /3 images in t10k-images-idx3-ubyte.gz but 2 labels in t10k-labels-idx1-ubyte.gz/,
    );
    expect(() => parse(images(2), labels([1, 10]))).toThrow(/label 1 is 10, expected 0-9/);
    expect(() => parse(images(2, 27), labels([1, 2]))).toThrow(/27 x 27, MNIST has 28 x 28/);
    expect(() => parseDataset(MNIST, 'train', new Map())).toThrow(
      /train-images-idx3-ubyte.gz is missing/,
    );
  });

  it('reads CIFAR records as 32 x 32 x 3 HWC', () => {
    const pixels = new Uint8Array(2 * 3072).map((_, i) => i & 0xff);
    const bytes = encodeCifarRecords({ count: 2, pixels, labels: Uint8Array.from([0, 9]) });
    const ds = parseDataset(CIFAR10, 'test', new Map([['test.bin.gz', bytes]]));
    expect([ds.count, ds.height, ds.width, ds.channels]).toEqual([2, 32, 32, 3]);
    expect(ds.pixels).toEqual(pixels);
    expect(ds.classNames[9]).toBe('truck');
  });
});
