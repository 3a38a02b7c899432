/**
 * A user's file or URL made into decoded pixels, refusing what must not be decoded first (see
 * shared/preprocess/policy): the header is sniffed, the pixel count checked before decoding
 * when the header tells it and again after, a damaged (e.g. cut-off) file refused from its
 * structure, and the browser decodes strictly (EXIF orientation applied).
 * Large pictures are scaled down to OWN_IMAGE_MAX_SIDE, which is plenty for a 28x28 or 224x224
 * input and keeps the live adjustments fast.
 */
import {
  checkBeforeDecode,
  checkPixelCount,
  damagedMessage,
  findDamage,
  ImageInputError,
  sniffImage,
  undecodableMessage,
  type RgbaRaster,
  type SniffedImage,
} from '../../shared/preprocess';
import type { NewOwnImage } from '../../state';

/** the long side decoded pictures are scaled down to */
export const OWN_IMAGE_MAX_SIDE = 1024;

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

async function decodeWithBitmap(blob: Blob): Promise<Decoded> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  return {
    source: bitmap,
    width: bitmap.width,
    height: bitmap.height,
    close: () => bitmap.close(),
  };
}

/**
 * The fallback where createImageBitmap is missing or refuses its options (older browsers): an
 * <img>, which also applies EXIF orientation. It draws whatever part of a damaged file it could
 * decode, so the structure check in readImageBlob must come first.
 */
async function decodeWithElement(blob: Blob): Promise<Decoded> {
  const url = URL.createObjectURL(blob);
  const img = new Image();
  img.src = url;
  try {
    await img.decode();
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
  return {
    source: img,
    width: img.naturalWidth,
    height: img.naturalHeight,
    close: () => URL.revokeObjectURL(url),
  };
}

/**
 * createImageBitmap refuses a picture it cannot decode completely (InvalidStateError), where an
 * <img> would leave the undecodable part blank: only other failures fall back to the <img>.
 */
async function decodeStrictly(blob: Blob): Promise<Decoded> {
  if (typeof createImageBitmap !== 'function') return decodeWithElement(blob);
  try {
    return await decodeWithBitmap(blob);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'InvalidStateError') throw e;
    return decodeWithElement(blob);
  }
}

/** Draws the decoded picture at most OWN_IMAGE_MAX_SIDE on its long side and reads it back. */
function rasterise(decoded: Decoded): RgbaRaster {
  const scale = Math.min(1, OWN_IMAGE_MAX_SIDE / Math.max(decoded.width, decoded.height));
  const width = Math.max(1, Math.round(decoded.width * scale));
  const height = Math.max(1, Math.round(decoded.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser gave no 2D canvas to read the picture with.');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(decoded.source, 0, 0, width, height);
  const { data } = ctx.getImageData(0, 0, width, height);
  return { width, height, data };
}

/** Decodes and checks `blob`; throws ImageInputError with a message for the user. */
export async function readImageBlob(blob: Blob, name: string): Promise<NewOwnImage> {
  // the size check needs no bytes: refuse a huge file before reading it
  checkBeforeDecode(name, blob.size, { format: 'png', animated: false });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const sniffed: SniffedImage = sniffImage(bytes);
  const notes = checkBeforeDecode(name, bytes.length, sniffed);
  if (sniffed.format === 'unknown') {
    throw new ImageInputError('not-image', undecodableMessage(name, sniffed));
  }
  const damage = findDamage(bytes, sniffed.format);
  if (damage) throw new ImageInputError('corrupt', damagedMessage(name, sniffed.format, damage));
  const typed = new Blob([bytes], { type: blob.type || `image/${sniffed.format}` });
  let decoded: Decoded;
  try {
    decoded = await decodeStrictly(typed);
  } catch {
    const code = ['tiff', 'heic', 'avif'].includes(sniffed.format) ? 'unsupported' : 'corrupt';
    throw new ImageInputError(code, undecodableMessage(name, sniffed));
  }
  try {
    if (decoded.width < 1 || decoded.height < 1) {
      throw new ImageInputError('corrupt', `"${name}" decoded to a picture with no pixels.`);
    }
    checkPixelCount(name, decoded.width, decoded.height);
    return {
      name,
      raster: rasterise(decoded),
      originalWidth: decoded.width,
      originalHeight: decoded.height,
      notes,
    };
  } finally {
    decoded.close();
  }
}

/** The last path segment of a URL, for messages ("digit.png"), or the URL itself. */
export function nameOfUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:') return 'dropped picture';
    return decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? u.host) || u.host;
  } catch {
    return url;
  }
}

/** Fetches a picture by URL (http, https, data, blob); CORS refusals get their own message. */
export async function fetchImageUrl(url: string, signal?: AbortSignal): Promise<NewOwnImage> {
  let parsed: URL;
  try {
    parsed = new URL(url, window.location.href);
  } catch {
    throw new ImageInputError('fetch', `"${url}" is not a web address.`);
  }
  if (!['http:', 'https:', 'data:', 'blob:'].includes(parsed.protocol)) {
    throw new ImageInputError(
      'fetch',
      `Only http(s) picture addresses can be loaded, not "${parsed.protocol}".`,
    );
  }
  let response: Response;
  try {
    response = await fetch(parsed.href, {
      mode: 'cors',
      credentials: 'omit',
      ...(signal && { signal }),
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ImageInputError(
      'fetch',
      `Could not load ${parsed.href}: the site refused to share it with this page (no CORS permission) or could not be reached. Save the picture and drop the file instead.`,
    );
  }
  if (!response.ok) {
    throw new ImageInputError(
      'fetch',
      `Could not load ${parsed.href}: the server answered HTTP ${response.status}.`,
    );
  }
  return readImageBlob(await response.blob(), nameOfUrl(parsed.href));
}
