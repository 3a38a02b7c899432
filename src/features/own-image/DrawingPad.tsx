import { useEffect, useRef, useState } from 'react';
import type { RgbaRaster } from '../../shared/preprocess';
import { Slider } from '../../ui/Slider';

/** the pad's own resolution: ten times MNIST's, so strokes resample smoothly */
const PAD_SIZE = 280;

export interface DrawingPadProps {
  /**
   * called after every stroke with the whole pad (white ink on black); `continued`: not the
   * first stroke since the pad was opened or cleared
   */
  onDrawn(raster: RgbaRaster, continued: boolean): void;
}

function clear(ctx: CanvasRenderingContext2D): void {
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, PAD_SIZE, PAD_SIZE);
}

/**
 * Draw a digit or a piece of clothing with a mouse, finger or pen (pointer events, so all
 * three behave alike): white ink on black, as MNIST stores it.
 */
export function DrawingPad({ onDrawn }: DrawingPadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [brush, setBrush] = useState(22);
  const hasInk = useRef(false);

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d', { willReadFrequently: true });
    if (ctx) clear(ctx);
    // the pad opens below the buttons, often below the fold: bring it into view
    canvasRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  /** a client position in the pad's own pixels */
  const point = (el: HTMLCanvasElement, clientX: number, clientY: number) => {
    const r = el.getBoundingClientRect();
    return {
      x: ((clientX - r.left) / r.width) * PAD_SIZE,
      y: ((clientY - r.top) / r.height) * PAD_SIZE,
    };
  };

  const strokeTo = (ctx: CanvasRenderingContext2D, p: { x: number; y: number }, width: number) => {
    const from = last.current ?? p;
    ctx.strokeStyle = '#fff';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last.current = p;
  };

  // pens report pressure; a mouse reports 0.5 while pressed
  const widthOf = (e: React.PointerEvent) =>
    e.pointerType === 'pen' ? brush * (0.4 + 1.2 * e.pressure) : brush;

  const ctxOf = (e: React.PointerEvent<HTMLCanvasElement>) =>
    e.currentTarget.getContext('2d', { willReadFrequently: true });

  const commit = () => {
    const ctx = canvasRef.current?.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    const { data } = ctx.getImageData(0, 0, PAD_SIZE, PAD_SIZE);
    onDrawn({ width: PAD_SIZE, height: PAD_SIZE, data }, hasInk.current);
    hasInk.current = true;
  };

  return (
    <div className="ae-drawing-pad" data-testid="drawing-pad">
      <canvas
        ref={canvasRef}
        width={PAD_SIZE}
        height={PAD_SIZE}
        className="ae-drawing-pad__canvas"
        role="img"
        aria-label="Drawing pad: draw with a mouse, finger or pen; the drawing becomes the current image after each stroke"
        data-testid="drawing-canvas"
        onPointerDown={(e) => {
          const ctx = ctxOf(e);
          if (!ctx || (e.pointerType === 'mouse' && e.button !== 0)) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = null;
          strokeTo(ctx, point(e.currentTarget, e.clientX, e.clientY), widthOf(e));
        }}
        onPointerMove={(e) => {
          const ctx = ctxOf(e);
          if (!ctx || !last.current) return;
          const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
          if (events.length === 0) {
            strokeTo(ctx, point(e.currentTarget, e.clientX, e.clientY), widthOf(e));
          }
          for (const c of events) {
            strokeTo(ctx, point(e.currentTarget, c.clientX, c.clientY), widthOf(e));
          }
        }}
        onPointerUp={() => {
          if (!last.current) return;
          last.current = null;
          commit();
        }}
        onPointerCancel={() => {
          last.current = null;
        }}
      />
      <div className="ae-drawing-pad__controls">
        <Slider
          label="Brush"
          value={brush}
          min={6}
          max={48}
          step={1}
          onChange={setBrush}
          valueText={`${brush} pixels of ${PAD_SIZE}`}
          testId="drawing-brush"
        />
        <button
          type="button"
          data-testid="drawing-clear"
          onClick={() => {
            const ctx = canvasRef.current?.getContext('2d');
            if (ctx) clear(ctx);
            hasInk.current = false;
          }}
        >
          Clear pad
        </button>
      </div>
    </div>
  );
}
