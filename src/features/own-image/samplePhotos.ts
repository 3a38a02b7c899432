/**
 * The free sample photos shipped in public/samples/ (credited in the README), for students who
 * have no photo at hand. They load through the app's base URL, so a deployment under a sub-path
 * finds them too; thumbs/ holds 96x96 centre crops, so the page does not fetch 1.5 MB on load.
 */

export interface SamplePhoto {
  file: string;
  /** what it shows, for the button's name ("Try the cat photo (chelsea.png)") */
  subject: string;
  thumb: string;
}

export const SAMPLE_PHOTOS: readonly SamplePhoto[] = [
  { file: 'chelsea.png', subject: 'cat', thumb: 'thumbs/chelsea.jpg' },
  { file: 'coffee.png', subject: 'coffee', thumb: 'thumbs/coffee.jpg' },
  { file: 'astronaut.png', subject: 'astronaut', thumb: 'thumbs/astronaut.jpg' },
];

/** Absolute URL of `path` under the app's samples/ folder (`base`: Vite's BASE_URL). */
export function sampleUrl(path: string, base: string, page: string = window.location.href): string {
  return new URL(`samples/${path}`, new URL(base, page)).href;
}

export const sampleLabel = (photo: SamplePhoto): string =>
  `Try the ${photo.subject} photo (${photo.file})`;
