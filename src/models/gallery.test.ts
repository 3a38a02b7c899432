import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GALLERY, galleryClassNames, IMAGENET_CLASSES_PATH, isImageNetModel } from './gallery';

const imagenet = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'public', IMAGENET_CLASSES_PATH), 'utf8'),
) as string[];

describe('the ImageNet gallery', () => {
  it('ships the 1,000 ImageNet class names in output order', () => {
    expect(imagenet).toHaveLength(1000);
    expect(imagenet[0]).toBe('tench, Tinca tinca');
    expect(imagenet[388]).toMatch(/^giant panda/);
  });

  it('names 1,001 outputs with background first, 1,000 as they are', () => {
    for (const entry of GALLERY) {
      const names = galleryClassNames(entry, imagenet);
      expect(names).toHaveLength(entry.outputs);
      expect(names[entry.outputs === 1001 ? 389 : 388]).toMatch(/^giant panda/);
    }
  });

  it('each entry: an https model.json of its publisher, a range, a size', () => {
    expect(new Set(GALLERY.map((g) => g.id)).size).toBe(GALLERY.length);
    for (const g of GALLERY) {
      expect(new URL(g.url).protocol).toBe('https:');
      expect(new URL(g.url).pathname).toMatch(/model\.json$/);
      expect(g.bytes).toBeGreaterThan(1e6);
    }
  });

  it('knows an ImageNet model by its dataset or its class names', () => {
    expect(isImageNetModel({ dataset: 'imagenet', classNames: [] })).toBe(true);
    expect(isImageNetModel({ dataset: 'custom', classNames: imagenet })).toBe(true);
    expect(isImageNetModel({ dataset: 'custom', classNames: ['background', ...imagenet] })).toBe(
      true,
    );
    expect(isImageNetModel({ dataset: 'custom', classNames: ['cat', 'dog'] })).toBe(false);
  });
});
