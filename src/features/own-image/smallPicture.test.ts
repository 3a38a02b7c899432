import { describe, expect, it } from 'vitest';
import { ownPictureNote, smallPictureNote } from './smallPicture';

describe('smallPictureNote', () => {
  it('a 5×5 picture on a 32×32 model: its size, scaled up, a blur', () => {
    const note = smallPictureNote({ width: 5, height: 5 }, { width: 32, height: 32 }, false);
    expect(note).toBe(
      'Your picture is only 5×5 pixels, much smaller than the model’s 32×32 input: it was scaled up about 6×, so the model sees a blur of big blocks, not detail.',
    );
  });

  it('one side under half the model’s is enough; a crop is named as such', () => {
    const note = smallPictureNote({ width: 40.4, height: 12.2 }, { width: 28, height: 28 }, true);
    expect(note).toMatch(/^Your crop is only 40×12 pixels, much smaller than the model’s 28×28/);
    expect(note).toMatch(/scaled up about 2×/);
  });

  it('no note at half the model’s size or more', () => {
    expect(
      smallPictureNote({ width: 16, height: 16 }, { width: 32, height: 32 }, false),
    ).toBeNull();
    expect(
      smallPictureNote({ width: 640, height: 480 }, { width: 224, height: 224 }, false),
    ).toBeNull();
  });
});

describe('ownPictureNote', () => {
  it('the whole picture, or the crop as fitted to the model’s aspect', () => {
    expect(ownPictureNote({ width: 5, height: 5 }, null, [32, 32, 3])).toMatch(/only 5×5 pixels/);
    expect(ownPictureNote({ width: 400, height: 300 }, null, [32, 32, 3])).toBeNull();
    // a 10×10 crop of a big photo is fitted to at least MIN_CROP_SIDE and named as a crop
    const crop = { x: 100, y: 100, width: 10, height: 10 };
    expect(ownPictureNote({ width: 400, height: 300 }, crop, [224, 224, 3])).toMatch(
      /^Your crop is only 10×10 pixels, much smaller than the model’s 224×224 input/,
    );
  });
});
