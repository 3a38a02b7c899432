/**
 * Small pictures for the figures: an image as the model sees it, or any RGBA bytes (signs,
 * class maps), scaled up crisply. Each has its own text alternative.
 */
import { useEffect, useMemo, useRef } from 'react';
import { imageToRgba, type PixelImage } from '../../shared/colormaps';

export interface RgbaCanvasProps {
  rgba: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
  /** CSS size of the longer side */
  size: number;
  /** the most of a narrow screen's width the longer side may take, in vw (three tiles fit a phone) */
  maxVw?: number;
  alt: string;
  testId?: string;
}

export function RgbaCanvas({
  rgba,
  width,
  height,
  size,
  maxVw = 27,
  alt,
  testId,
}: RgbaCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = width;
    canvas.height = height;
    ctx.putImageData(new ImageData(rgba, width, height), 0, 0);
  }, [rgba, width, height]);
  const long = Math.max(width, height);
  const cssWidth = (size * width) / long;
  return (
    <canvas
      ref={ref}
      className="tour-pixels"
      style={{
        width: `min(${cssWidth}px, ${(maxVw * width) / long}vw)`,
        height: 'auto',
        aspectRatio: `${width} / ${height}`,
      }}
      role="img"
      aria-label={alt}
      data-testid={testId}
    />
  );
}

export function ImageCanvas(props: {
  image: PixelImage;
  size: number;
  alt: string;
  testId?: string;
}) {
  const { image, ...rest } = props;
  const rgba = useMemo(() => imageToRgba(image), [image]);
  return <RgbaCanvas rgba={rgba} width={image.width} height={image.height} {...rest} />;
}

/** An image with a line of text under it ("7 at 99.2%"). */
export function Tile(props: {
  title: string;
  image: PixelImage | null;
  line: string;
  alt: string;
  testId: string;
  size?: number;
}) {
  const size = props.size ?? 112;
  return (
    <div className="tour-tile" data-testid={props.testId}>
      <span className="tour-tile__title">{props.title}</span>
      {props.image ? (
        <ImageCanvas image={props.image} size={size} alt={props.alt} />
      ) : (
        <div className="tour-tile__empty" style={{ width: size, height: size }} />
      )}
      <span className="tour-tile__line">{props.line}</span>
    </div>
  );
}
