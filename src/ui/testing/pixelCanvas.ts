/**
 * Test doubles for the renderers' unit tests (imported only by *.test.ts files run under
 * happy-dom): a 2D canvas context that keeps its pixels in memory, so a test can read back what a
 * renderer drew, and a fixed layout width, since happy-dom lays nothing out (every clientWidth
 * is 0). Only the drawing calls the renderers make are implemented.
 */

/** RGBA bytes of one canvas, nearest-neighbour drawing, no smoothing and no blending. */
class PixelContext {
  private pixels = new Uint8ClampedArray(0);
  private width = 0;
  private height = 0;
  imageSmoothingEnabled = true;

  constructor(readonly canvas: HTMLCanvasElement) {}

  /** A canvas whose width or height is set is cleared, as in a browser. */
  private sync(): void {
    if (this.canvas.width === this.width && this.canvas.height === this.height) return;
    this.width = this.canvas.width;
    this.height = this.canvas.height;
    this.pixels = new Uint8ClampedArray(this.width * this.height * 4);
  }

  private set(x: number, y: number, rgba: ArrayLike<number>, from: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const to = (y * this.width + x) * 4;
    for (let k = 0; k < 4; k++) this.pixels[to + k] = rgba[from + k] ?? 0;
  }

  putImageData(image: ImageData, dx: number, dy: number): void {
    this.sync();
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++)
        this.set(dx + x, dy + y, image.data, (y * image.width + x) * 4);
    }
  }

  /** Draws another fake canvas, scaled nearest-neighbour; transparent source pixels are skipped. */
  drawImage(source: HTMLCanvasElement, dx: number, dy: number, dw?: number, dh?: number): void {
    this.sync();
    const src = contextOf(source).getImageData(0, 0, source.width, source.height);
    const w = dw ?? source.width;
    const h = dh ?? source.height;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const sx = Math.floor((x * source.width) / w);
        const sy = Math.floor((y * source.height) / h);
        const from = (sy * source.width + sx) * 4;
        if ((src.data[from + 3] ?? 0) > 0) this.set(dx + x, dy + y, src.data, from);
      }
    }
  }

  clearRect(x0: number, y0: number, w: number, h: number): void {
    this.sync();
    const clear = [0, 0, 0, 0];
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) this.set(x, y, clear, 0);
  }

  getImageData(x0: number, y0: number, w: number, h: number): ImageData {
    this.sync();
    const out = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const inside = x0 + x < this.width && y0 + y < this.height;
        const from = ((y0 + y) * this.width + x0 + x) * 4;
        for (let k = 0; k < 4; k++)
          out[(y * w + x) * 4 + k] = inside ? (this.pixels[from + k] ?? 0) : 0;
      }
    }
    return new ImageData(out, w, h);
  }
}

const contexts = new WeakMap<HTMLCanvasElement, PixelContext>();

function contextOf(canvas: HTMLCanvasElement): PixelContext {
  let context = contexts.get(canvas);
  if (!context) {
    context = new PixelContext(canvas);
    contexts.set(canvas, context);
  }
  return context;
}

/** Gives every canvas the in-memory 2D context; returns a function that takes it away again. */
export function installPixelCanvas(): () => void {
  const proto = HTMLCanvasElement.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'getContext');
  Object.defineProperty(proto, 'getContext', {
    configurable: true,
    writable: true,
    value(this: HTMLCanvasElement, kind: string) {
      return kind === '2d' ? contextOf(this) : null;
    },
  });
  return () => {
    if (original) Object.defineProperty(proto, 'getContext', original);
    else Reflect.deleteProperty(proto, 'getContext');
  };
}

/** The RGBA bytes of pixel (x, y) of a canvas, as the renderer left it. */
export function canvasPixel(canvas: HTMLCanvasElement, x: number, y: number): number[] {
  return Array.from(contextOf(canvas).getImageData(x, y, 1, 1).data);
}

/** Every element reports `width` CSS pixels as its clientWidth; returns the undo. */
export function setLayoutWidth(width: number): () => void {
  const proto = HTMLElement.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'clientWidth');
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => width });
  return () => {
    if (original) Object.defineProperty(proto, 'clientWidth', original);
    else Reflect.deleteProperty(proto, 'clientWidth');
  };
}
