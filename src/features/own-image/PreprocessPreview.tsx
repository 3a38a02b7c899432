import type { Rect, RgbaRaster } from '../../shared/preprocess';
import type { PreparedOwnImage } from '../../state';
import { PixelCanvas } from '../../ui/PixelCanvas';
import { CropEditor } from './CropEditor';

export interface PreprocessPreviewProps {
  raster: RgbaRaster;
  name: string;
  prepared: PreparedOwnImage | null;
  crop: Rect | null;
  /** width / height of the model's input */
  aspect: number;
  onCrop(crop: Rect | null): void;
}

/** The user's picture with the crop the model sees, and the exact tensor, pixel for pixel. */
export function PreprocessPreview({
  raster,
  name,
  prepared,
  crop,
  aspect,
  onCrop,
}: PreprocessPreviewProps) {
  const img = prepared?.image;
  return (
    <div className="ae-own-image__preview">
      <CropEditor raster={raster} name={name} crop={crop} aspect={aspect} onChange={onCrop} />
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
