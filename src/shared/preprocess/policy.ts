/**
 * What the app accepts as a user's picture, decided from the sniffed header before decoding
 * (and again from the decoded size when the header did not tell it). Messages say what was
 * wrong and what to do.
 */
import type { SniffedFormat, SniffedImage } from './sniff';

/** Refuse pictures above this many pixels: a 40 MP RGBA decode alone takes 160 MB. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** Files above this size are refused unread. */
export const MAX_IMAGE_BYTES = 100 * 1024 * 1024;

export class ImageInputError extends Error {
  constructor(
    readonly code:
      'empty' | 'too-large' | 'not-image' | 'unsupported' | 'svg' | 'corrupt' | 'fetch',
    message: string,
  ) {
    super(message);
    this.name = 'ImageInputError';
  }
}

/** formats browsers often cannot decode: a refusal says so instead of calling the file damaged */
const FORMAT_NAMES: Record<string, string> = {
  tiff: 'TIFF',
  heic: 'HEIC/HEIF',
  avif: 'AVIF',
};

const SUPPORTED_NAMES: Partial<Record<SniffedFormat, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
  ico: 'ICO',
};

/** Throws ImageInputError for what must not be decoded; returns notes for what is accepted. */
export function checkBeforeDecode(
  name: string,
  byteLength: number,
  sniffed: SniffedImage,
): string[] {
  if (byteLength === 0) {
    throw new ImageInputError(
      'empty',
      `"${name}" is empty (0 bytes). Choose a PNG, JPEG, GIF or WebP picture.`,
    );
  }
  if (byteLength > MAX_IMAGE_BYTES) {
    throw new ImageInputError(
      'too-large',
      `"${name}" is ${(byteLength / 1048576).toFixed(0)} MB; pictures up to ${MAX_IMAGE_BYTES / 1048576} MB are accepted. Save a smaller copy.`,
    );
  }
  if (sniffed.format === 'svg') {
    throw new ImageInputError(
      'svg',
      `"${name}" is an SVG drawing. SVG files can carry scripts and have no fixed pixel size, so they are not opened: export it as PNG first.`,
    );
  }
  checkPixelCount(name, sniffed.width, sniffed.height);
  const notes: string[] = [];
  if (sniffed.animated) notes.push(`"${name}" is animated: using its first frame.`);
  return notes;
}

export function checkPixelCount(name: string, width?: number, height?: number): void {
  if (width === undefined || height === undefined) return;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ImageInputError(
      'too-large',
      `"${name}" is ${width}×${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels); the limit is ${MAX_IMAGE_PIXELS / 1e6} megapixels. Scale it down first.`,
    );
  }
}

/** The message for a damaged file: `what` says what is wrong ("the file ends early ..."). */
export function damagedMessage(name: string, format: SniffedFormat, what: string): string {
  const kind = SUPPORTED_NAMES[format] ?? 'picture';
  return `"${name}" is damaged: ${what}. Nothing was loaded; try another copy of this ${kind} file.`;
}

/** The message for a file the browser could not decode. */
export function undecodableMessage(name: string, sniffed: SniffedImage): string {
  const named = FORMAT_NAMES[sniffed.format];
  if (named) {
    return `This browser cannot decode ${named} pictures ("${name}"). Convert it to PNG or JPEG first.`;
  }
  if (sniffed.format === 'unknown') {
    return `"${name}" is not a picture this app can read. Use a PNG, JPEG, GIF, WebP or BMP file.`;
  }
  return damagedMessage(name, sniffed.format, 'the browser could not decode all of it');
}
