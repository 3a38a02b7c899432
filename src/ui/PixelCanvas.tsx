import { useEffect, useRef } from 'react';
import { imageToRgba, type PixelImage } from '../shared/colormaps';
import './ui.css';

export interface PixelCanvasProps {
  image: PixelImage;
  /** CSS pixels per image pixel */
  scale: number;
  /** accessible description; omit for decorative thumbnails inside a labelled button */
  label?: string;
  testId?: string;
}

/** An image drawn at its own resolution and scaled up crisply by CSS (image-rendering: pixelated). */
export function PixelCanvas({ image, scale, label, testId }: PixelCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = image.width;
    canvas.height = image.height;
    ctx.putImageData(new ImageData(imageToRgba(image), image.width, image.height), 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      className="ae-pixels"
      style={{ width: image.width * scale, height: image.height * scale }}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-testid={testId}
    />
  );
}
