import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD_BYTES, encodeCifarRecords } from './cifarRecords';
import { CIFAR10, MNIST } from './datasetCatalog';
import { datasetPrefix } from './datasetPrefix';
import { encodeIdxImages, encodeIdxLabels } from './idx';
import { parseDataset } from './parseDataset';

const IMAGES = 't10k-images-idx3-ubyte.gz';
const LABELS = 't10k-labels-idx1-ubyte.gz';
const count = 5;
const images = encodeIdxImages({
  count,
  height: 28,
  width: 28,
  pixels: new Uint8Array(count * 784).map((_, i) => (i * 7) % 251),
});
const labels = encodeIdxLabels(Uint8Array.from([7, 2, 1, 0, 4]));
const whole = parseDataset(
  MNIST,
  'test',
  new Map([
    [IMAGES, images],
    [LABELS, labels],
  ]),
);

describe('datasetPrefix', () => {
  it('gives the images an IDX prefix holds whole, equal to those of the whole set', () => {
    // two images and a half
    const prefixes = new Map([
      [IMAGES, images.subarray(0, 16 + 2.5 * 784)],
      [LABELS, labels],
    ]);
    const first = datasetPrefix(MNIST, 'test', prefixes, 1);
    expect(first?.count).toBe(2);
    expect(Array.from(first?.labels ?? [])).toEqual([7, 2]);
    expect(first?.pixels).toEqual(whole.pixels.subarray(0, 2 * 784));
    expect(images.length).toBe(16 + count * 784); // the whole file was not touched
  });

  it('waits for the wanted image, for the labels and for a header', () => {
    const prefix = images.subarray(0, 16 + 2.5 * 784);
    expect(
      datasetPrefix(
        MNIST,
        'test',
        new Map([
          [IMAGES, prefix],
          [LABELS, labels],
        ]),
        3,
      ),
    ).toBeNull();
    const fewLabels = labels.subarray(0, 8 + 1);
    expect(
      datasetPrefix(
        MNIST,
        'test',
        new Map([
          [IMAGES, prefix],
          [LABELS, fewLabels],
        ]),
        1,
      )?.count,
    ).toBe(1);
    expect(datasetPrefix(MNIST, 'test', new Map([[IMAGES, prefix]]), 1)).toBeNull();
    const noHeader = new Map([
      [IMAGES, images.subarray(0, 10)],
      [LABELS, labels],
    ]);
    expect(datasetPrefix(MNIST, 'test', noHeader, 1)).toBeNull();
  });

  it('gives nothing from files that are not the set (the whole parse reports them)', () => {
    const wrong = images.slice();
    wrong[3] = 1; // a 1-d IDX file
    expect(
      datasetPrefix(
        MNIST,
        'test',
        new Map([
          [IMAGES, wrong],
          [LABELS, labels],
        ]),
        1,
      ),
    ).toBeNull();
    const badLabel = encodeIdxLabels(Uint8Array.from([12, 2, 1, 0, 4]));
    expect(
      datasetPrefix(
        MNIST,
        'test',
        new Map([
          [IMAGES, images],
          [LABELS, badLabel],
        ]),
        1,
      ),
    ).toBeNull();
  });

  it('cuts CIFAR-10 records to whole ones', () => {
    const records = encodeCifarRecords({
      count: 3,
      labels: Uint8Array.from([3, 8, 1]),
      pixels: new Uint8Array(3 * 3072).map((_, i) => i % 253),
    });
    const name = 'test.bin.gz';
    const prefix = records.subarray(0, 2 * CIFAR_RECORD_BYTES + 100);
    const first = datasetPrefix(CIFAR10, 'test', new Map([[name, prefix]]), 2);
    expect(first?.count).toBe(2);
    expect(Array.from(first?.labels ?? [])).toEqual([3, 8]);
    const all = parseDataset(CIFAR10, 'test', new Map([[name, records]]));
    expect(first?.pixels).toEqual(all.pixels.subarray(0, 2 * 3072));
    expect(datasetPrefix(CIFAR10, 'test', new Map([[name, prefix]]), 3)).toBeNull();
  });
});
