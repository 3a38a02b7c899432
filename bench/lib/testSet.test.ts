import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeCifarRecords } from '../../src/shared/cifarRecords';
import { assertShape, imageOf, loadTestSet, spreadSubset, testSetFiles } from './testSet';

/** Three CIFAR records whose pixel values say where they are: 100*record + 10*channel + (p%10). */
function cifarTestDir(): string {
  const count = 3;
  const pixels = new Uint8Array(count * 32 * 32 * 3);
  for (let r = 0; r < count; r++)
    for (let p = 0; p < 1024; p++)
      for (let c = 0; c < 3; c++) pixels[(r * 1024 + p) * 3 + c] = 100 * r + 10 * c + (p % 10);
  const dir = mkdtempSync(join(tmpdir(), 'bench-testset-'));
  mkdirSync(join(dir, 'cifar10'));
  const bytes = encodeCifarRecords({ count, pixels, labels: Uint8Array.from([0, 7, 9]) });
  writeFileSync(join(dir, 'cifar10', 'test.bin.gz'), gzipSync(bytes));
  return dir;
}

describe('loadTestSet', () => {
  it('reads CIFAR-10 records as HWC floats in [0, 1] with their labels', () => {
    const set = loadTestSet(cifarTestDir(), 'cifar10');
    expect(set.shape).toEqual([32, 32, 3]);
    expect(set.count).toBe(3);
    expect(Array.from(set.labels)).toEqual([0, 7, 9]);
    // record 1, pixel 13 (row 0, column 13), channels R G B
    const at = (r: number, p: number, c: number) => set.data[(r * 1024 + p) * 3 + c];
    expect([at(1, 13, 0), at(1, 13, 1), at(1, 13, 2)]).toEqual(
      [103, 113, 123].map((v) => Math.fround(v / 255)),
    );
    const second = imageOf(set, 2);
    expect([second.image.height, second.image.width, second.image.channels]).toEqual([32, 32, 3]);
    expect(second.label).toBe(9);
    expect(second.image.data[0]).toBeCloseTo(200 / 255, 6);
  });

  it("refuses a set whose images are not the model's input shape", () => {
    expect(() => assertShape([32, 32, 3], [32, 32, 3], 'c')).not.toThrow();
    expect(() => assertShape([28, 28, 1], [32, 32, 3], 'c')).toThrow(/c takes 32x32x3 images/);
  });

  it('names the files to carry for each dataset', () => {
    expect(testSetFiles('cifar10')).toEqual(['data/cifar10/test.bin.gz']);
    expect(testSetFiles('mnist')).toEqual([
      'data/mnist/t10k-images-idx3-ubyte.gz',
      'data/mnist/t10k-labels-idx1-ubyte.gz',
    ]);
  });
});

describe('spreadSubset', () => {
  it('takes images evenly over a class-sorted set, keeping pixels and labels together', () => {
    const set = {
      data: Float32Array.from({ length: 10 * 2 }, (_, i) => Math.floor(i / 2)),
      labels: Int32Array.from({ length: 10 }, (_, i) => Math.floor(i / 5)),
      count: 10,
      shape: [1, 2, 1] as [number, number, number],
    };
    const sub = spreadSubset(set, 4);
    expect(sub.count).toBe(4);
    expect(Array.from(sub.data)).toEqual([0, 0, 2, 2, 5, 5, 7, 7]);
    expect(Array.from(sub.labels)).toEqual([0, 0, 1, 1]);
    expect(spreadSubset(set, 10)).toBe(set);
    expect(spreadSubset(set, 0).count).toBe(0);
  });
});
