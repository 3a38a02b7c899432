import { describe, expect, it } from 'vitest';
import { parsePublicDataIndex, type PublicDataIndex } from './publicDataIndex';

const index: PublicDataIndex = {
  version: 1,
  datasets: [
    {
      id: 'mnist',
      title: 'MNIST',
      split: 'test',
      count: 10000,
      height: 28,
      width: 28,
      channels: 1,
      classNames: ['0', '1'],
      variant: 'original',
      note: 'n',
      files: [{ role: 'images', path: 'mnist/a.gz', bytes: 5, sha256: 'ab' }],
    },
  ],
  skipped: [{ id: 'cifar10', reason: 'offline' }],
};

describe('parsePublicDataIndex', () => {
  it('accepts what the data step writes', () => {
    expect(parsePublicDataIndex(JSON.parse(JSON.stringify(index)))).toEqual(index);
  });

  it('names the field that is wrong', () => {
    const bad = JSON.parse(JSON.stringify(index)) as {
      datasets: { files: { bytes: unknown }[] }[];
    };
    bad.datasets[0]!.files[0]!.bytes = -1;
    expect(() => parsePublicDataIndex(bad)).toThrow(
      /datasets\[0\]\.files\[0\]\.bytes is not a whole/,
    );
    expect(() => parsePublicDataIndex({ ...index, version: 2 })).toThrow(/version 2, expected 1/);
    expect(() =>
      parsePublicDataIndex({ ...index, datasets: [{ ...index.datasets[0], id: 'svhn' }] }),
    ).toThrow(/datasets\[0\]\.id is not a known dataset \(svhn\)/);
    expect(() => parsePublicDataIndex(null)).toThrow(/index is not an object/);
  });

  it("reads a dataset's training files (the Training lab's), and names a wrong one", () => {
    const files = [{ role: 'images' as const, path: 'mnist/t.gz', bytes: 9, sha256: 'cd' }];
    const withTraining = {
      ...index,
      datasets: [{ ...index.datasets[0]!, training: { count: 60000, files } }],
    };
    expect(parsePublicDataIndex(JSON.parse(JSON.stringify(withTraining)))).toEqual(withTraining);
    const bad = {
      ...index,
      datasets: [{ ...index.datasets[0]!, training: { count: 1.5, files } }],
    };
    expect(() => parsePublicDataIndex(bad)).toThrow(/datasets\[0\]\.training\.count/);
  });
});
