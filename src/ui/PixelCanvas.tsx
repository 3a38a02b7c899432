import { useEffect, useRef } from 'react';
import { imageToRgba, type PixelImage } from '../shared/colormaps';
import './ui.css';

export interface PixelCanvasProps {
  image: PixelImage;
  /** CSS pixels per image pixel; 0: sized by CSS */
  scale: number;
  /** accessible description; omit for decorative thumbnails inside a labelled button */
  label?: string;
  testId?: string;
  /** RGBA bytes to show instead of the image's own pixels (a colour-mapped perturbation) */
  rgba?: Uint8ClampedArray<ArrayBuffer>;
  className?: string;
}

/** An image drawn at its own resolution and scaled up crisply by CSS (image-rendering: pixelated). */
export function PixelCanvas({ image, scale, label, testId, rgba, className }: PixelCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = image.width;
    canvas.height = image.height;
    ctx.putImageData(new ImageData(rgba ?? imageToRgba(image), image.width, image.height), 0, 0);
  }, [image, rgba]);
  return (
    <canvas
      ref={ref}
      className={className ? `ae-pixels ${className}` : 'ae-pixels'}
      style={scale > 0 ? { width: image.width * scale, height: image.height * scale } : undefined}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-testid={testId}
    />
  );
}
