/** Where two screenshots differ, decoded and compared in the page (Node has no PNG decoder). */
import type { Page } from '@playwright/test';

export interface PictureDiff {
  /** the two pictures' sizes differ */
  sizeDiffers: boolean;
  /** pixels whose RGBA differ by more than the tolerance in some channel */
  pixels: number;
  /** bounding box of the differing pixels, or null */
  box: { x: number; y: number; width: number; height: number } | null;
}

/** `tolerance`: a channel differing by at most this many levels (of 255) counts as equal. */
export async function pictureDiff(
  page: Page,
  a: Buffer,
  b: Buffer,
  tolerance = 0,
): Promise<PictureDiff> {
  return page.evaluate(
    async ({ a, b, tolerance }) => {
      const decode = async (base64: string) => {
        const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
        const bitmap = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2D context');
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = await Promise.all([decode(a), decode(b)]);
      if (x.width !== y.width || x.height !== y.height)
        return { sizeDiffers: true, pixels: -1, box: null };
      let pixels = 0;
      let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
      for (let i = 0; i < x.data.length; i += 4) {
        let same = true;
        for (let c = 0; c < 4; c++) {
          if (Math.abs((x.data[i + c] ?? 0) - (y.data[i + c] ?? 0)) > tolerance) same = false;
        }
        if (same) continue;
        pixels++;
        const p = i / 4;
        const px = p % x.width;
        const py = Math.floor(p / x.width);
        x0 = Math.min(x0, px);
        y0 = Math.min(y0, py);
        x1 = Math.max(x1, px);
        y1 = Math.max(y1, py);
      }
      return {
        sizeDiffers: false,
        pixels,
        box: pixels > 0 ? { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 } : null,
      };
    },
    { a: a.toString('base64'), b: b.toString('base64'), tolerance },
  );
}
