/**
 * The user's picture with the part the model sees framed: drag on the picture to draw a new
 * frame (of the model's aspect), drag inside the frame to move it, click to centre it there.
 * From the keyboard the frame moves with the arrow keys (Shift: ten times as far), grows and
 * shrinks with + and −, and 0 resets it to the centred crop. The crop is committed when a drag
 * ends, so the engine is not asked for an attack per pointer move.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import {
  cropFromDrag,
  cropRegion,
  moveCrop,
  scaleCrop,
  type Rect,
  type RgbaRaster,
} from '../../shared/preprocess';

export interface CropEditorProps {
  raster: RgbaRaster;
  name: string;
  /** the user's crop; null: the centred one */
  crop: Rect | null;
  /** width / height of the model's input */
  aspect: number;
  onChange(crop: Rect | null): void;
  /** CSS pixels of the picture's long side */
  size?: number;
}

type Drag =
  | { mode: 'move'; offsetX: number; offsetY: number; startX: number; startY: number }
  | { mode: 'draw'; anchorX: number; anchorY: number };

/** a press that moved less than this (picture pixels) is a click: centre the frame there */
const CLICK_SLOP = 3;

export function CropEditor({ raster, name, crop, aspect, onChange, size = 260 }: CropEditorProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const hintId = useId();
  const [draft, setDraft] = useState<Rect | null>(null);
  const drag = useRef<Drag | null>(null);
  const { width: w, height: h } = raster;
  const scale = size / Math.max(w, h);
  const shown = draft ?? cropRegion(crop, w, h, aspect);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    c.width = raster.width;
    c.height = raster.height;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(raster.data), w, h), 0, 0);
  }, [raster, w, h]);

  const pointOf = (e: PointerEvent<HTMLElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return {
      x: Math.min(Math.max((e.clientX - box.left) / scale, 0), w),
      y: Math.min(Math.max((e.clientY - box.top) / scale, 0), h),
    };
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = pointOf(e);
    const inside =
      p.x >= shown.x &&
      p.x <= shown.x + shown.width &&
      p.y >= shown.y &&
      p.y <= shown.y + shown.height;
    drag.current = inside
      ? { mode: 'move', offsetX: p.x - shown.x, offsetY: p.y - shown.y, startX: p.x, startY: p.y }
      : { mode: 'draw', anchorX: p.x, anchorY: p.y };
    setDraft(shown);
  };

  const draftAt = (p: { x: number; y: number }, d: Drag): Rect => {
    if (d.mode === 'move') {
      return moveCrop(shown, p.x - d.offsetX - shown.x, p.y - d.offsetY - shown.y, w, h);
    }
    const far = Math.max(Math.abs(p.x - d.anchorX), Math.abs(p.y - d.anchorY));
    // a click: the frame keeps its size and centres on the point
    if (far < CLICK_SLOP) {
      return moveCrop(
        shown,
        p.x - shown.width / 2 - shown.x,
        p.y - shown.height / 2 - shown.y,
        w,
        h,
      );
    }
    return cropFromDrag(d.anchorX, d.anchorY, p.x, p.y, w, h, aspect);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) setDraft(draftAt(pointOf(e), d));
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    drag.current = null;
    const final = draftAt(pointOf(e), d);
    setDraft(null);
    onChange(final);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = (e.shiftKey ? 0.1 : 0.01) * Math.max(w, h);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[e.key];
    let next: Rect | null | undefined;
    if (move) next = moveCrop(shown, move[0], move[1], w, h);
    else if (e.key === '+' || e.key === '=') next = scaleCrop(shown, 1.1, w, h, aspect);
    else if (e.key === '-' || e.key === '_') next = scaleCrop(shown, 1 / 1.1, w, h, aspect);
    else if (e.key === '0' || e.key === 'Home') next = null;
    if (next === undefined) return;
    e.preventDefault();
    onChange(next);
  };

  const px = (v: number) => `${v * scale}px`;
  const described = `${Math.round(shown.width)}×${Math.round(shown.height)} pixels at (${Math.round(shown.x)}, ${Math.round(shown.y)}) of ${w}×${h}`;
  return (
    <figure className="ae-crop">
      <div
        className="ae-crop__frame"
        style={{ width: px(w), height: px(h) }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
          setDraft(null);
        }}
        data-testid="own-image-crop-frame"
      >
        <canvas ref={canvas} className="ae-crop__picture" aria-hidden="true" />
        <div
          className="ae-crop__box"
          style={{
            left: px(shown.x),
            top: px(shown.y),
            width: px(shown.width),
            height: px(shown.height),
          }}
          tabIndex={0}
          role="group"
          aria-roledescription="crop frame"
          aria-label={`Part of ${name} the model sees: ${described}`}
          aria-describedby={hintId}
          onKeyDown={onKeyDown}
          data-testid="own-image-crop"
          data-crop={[shown.x, shown.y, shown.width, shown.height].map(Math.round).join(',')}
        />
      </div>
      <figcaption>
        <span id={hintId} className="ae-muted">
          Drag on your picture to frame what the model sees; drag the frame to move it. Keys: arrows
          move, + and − resize, 0 resets.
        </span>{' '}
        {crop && (
          <button type="button" onClick={() => onChange(null)} data-testid="own-image-crop-reset">
            Centre crop
          </button>
        )}
      </figcaption>
    </figure>
  );
}
