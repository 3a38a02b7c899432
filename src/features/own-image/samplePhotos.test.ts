import { describe, expect, it } from 'vitest';
import { SAMPLE_PHOTOS, sampleLabel, sampleUrl } from './samplePhotos';

describe('sample photos', () => {
  it('load from the app’s base URL, also under a sub-path', () => {
    expect(sampleUrl('chelsea.png', './', 'https://example.org/course/explorer/?model=x')).toBe(
      'https://example.org/course/explorer/samples/chelsea.png',
    );
    expect(sampleUrl('thumbs/coffee.jpg', '/app/', 'https://example.org/other/page')).toBe(
      'https://example.org/app/samples/thumbs/coffee.jpg',
    );
  });

  it('each button says what it loads', () => {
    expect(SAMPLE_PHOTOS.map(sampleLabel)).toEqual([
      'Try the cat photo (chelsea.png)',
      'Try the coffee photo (coffee.png)',
      'Try the astronaut photo (astronaut.png)',
    ]);
  });
});
