/**
 * The part of a picture the model sees: a rectangle of the model's aspect (width / height of its
 * input), in the picture's pixels, always inside the picture. The user drags, moves and resizes
 * it (the own-image crop editor); without one the largest centred rectangle is used. Pure.
 */
import type { Rect } from './raster';
import { centreCrop } from './resize';

/** the smallest crop side, in picture pixels: below it a model sees mostly interpolation */
export const MIN_CROP_SIDE = 8;

/** `rect` made of aspect `aspect` (kept centred, no bigger than the picture) and moved inside. */
export function fitCrop(rect: Rect, w: number, h: number, aspect: number): Rect {
  const maxWidth = Math.min(w, h * aspect);
  const minWidth = Math.min(maxWidth, Math.max(MIN_CROP_SIDE, MIN_CROP_SIDE * aspect));
  // the side that the drag made longer decides the size, so the rectangle never shrinks oddly
  const wanted = Math.max(rect.width, rect.height * aspect);
  const width = Math.min(maxWidth, Math.max(minWidth, wanted));
  const height = width / aspect;
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const x = Math.min(Math.max(cx - width / 2, 0), w - width);
  const y = Math.min(Math.max(cy - height / 2, 0), h - height);
  return { x, y, width, height };
}

/** The crop to use: the user's (fitted to this model's aspect) or the centred one. */
export function cropRegion(crop: Rect | null, w: number, h: number, aspect: number): Rect {
  return crop ? fitCrop(crop, w, h, aspect) : centreCrop(w, h, aspect, 1);
}

/** `crop` moved by (dx, dy) pixels, kept inside the picture. */
export function moveCrop(crop: Rect, dx: number, dy: number, w: number, h: number): Rect {
  const x = Math.min(Math.max(crop.x + dx, 0), w - crop.width);
  const y = Math.min(Math.max(crop.y + dy, 0), h - crop.height);
  return { ...crop, x, y };
}

/** `crop` scaled by `factor` about its centre, within the picture and MIN_CROP_SIDE. */
export function scaleCrop(crop: Rect, factor: number, w: number, h: number, aspect: number): Rect {
  const width = crop.width * factor;
  const height = crop.height * factor;
  const x = crop.x + (crop.width - width) / 2;
  const y = crop.y + (crop.height - height) / 2;
  return fitCrop({ x, y, width, height }, w, h, aspect);
}

/**
 * A crop drawn by dragging from (ax, ay) to (bx, by): the anchor is one corner, the rectangle
 * grows toward the pointer, with the larger of the two drag extents deciding its size.
 */
export function cropFromDrag(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  w: number,
  h: number,
  aspect: number,
): Rect {
  const width = Math.max(Math.abs(bx - ax), Math.abs(by - ay) * aspect, MIN_CROP_SIDE);
  // no bigger than what fits from the anchor in the drag's direction
  const room = Math.min(bx >= ax ? w - ax : ax, (by >= ay ? h - ay : ay) * aspect);
  const side = Math.max(Math.min(width, room), Math.min(MIN_CROP_SIDE, w, h));
  const height = side / aspect;
  const x = bx >= ax ? ax : ax - side;
  const y = by >= ay ? ay : ay - height;
  return fitCrop({ x, y, width: side, height }, w, h, aspect);
}
