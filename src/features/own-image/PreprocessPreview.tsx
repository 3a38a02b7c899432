import { useEffect, useRef } from 'react';
import type { RgbaRaster } from '../../shared/preprocess';
import type { PreparedOwnImage } from '../../state';
import { PixelCanvas } from '../../ui/PixelCanvas';

/** The decoded picture, scaled to fit `size` CSS pixels (smoothly: it is a photo, not a tensor). */
function RasterThumbnail({
  raster,
  size,
  label,
}: {
  raster: RgbaRaster;
  size: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = raster.width;
    canvas.height = raster.height;
    ctx.putImageData(
      new ImageData(new Uint8ClampedArray(raster.data), raster.width, raster.height),
      0,
      0,
    );
  }, [raster]);
  const scale = size / Math.max(raster.width, raster.height);
  return (
    <canvas
      ref={ref}
      className="ae-own-image__source"
      style={{ width: raster.width * scale, height: raster.height * scale }}
      role="img"
      aria-label={label}
      data-testid="own-image-source"
    />
  );
}

export interface PreprocessPreviewProps {
  raster: RgbaRaster;
  name: string;
  prepared: PreparedOwnImage | null;
}

/** What the user gave and the exact tensor the model sees, enlarged pixel for pixel. */
export function PreprocessPreview({ raster, name, prepared }: PreprocessPreviewProps) {
  const img = prepared?.image;
  return (
    <div className="ae-own-image__preview">
      <figure>
        <RasterThumbnail raster={raster} size={96} label={`Your picture: ${name}`} />
        <figcaption>Your picture</figcaption>
      </figure>
      <span aria-hidden="true" className="ae-own-image__arrow">
        →
      </span>
      {img && (
        <figure>
          <PixelCanvas
            image={img}
            scale={96 / Math.max(img.width, img.height)}
            label={`The ${img.width}×${img.height} ${img.channels === 1 ? 'grey' : 'colour'} tensor the model sees`}
            testId="own-image-tensor"
          />
          <figcaption data-testid="own-image-tensor-size">
            Model input {img.width}×{img.height}
            {img.channels === 1 ? ' grey' : ' RGB'}
          </figcaption>
        </figure>
      )}
    </div>
  );
}
