import { useEffect, useRef, useState } from 'react';
import { dragMayCarryImage, imageFromTransfer, type ImageTransfer } from './transfer';

export interface DropOverlayProps {
  onImage(transfer: ImageTransfer): void;
}

/**
 * Lets a picture be dropped anywhere on the page: a full-page hint while something droppable is
 * dragged over it. Listens on the window, after any drop zone inside the page: a drop another
 * handler took (defaultPrevented, e.g. the model loader) or one of model files is left alone.
 */
export function DropOverlay({ onImage }: DropOverlayProps) {
  const [active, setActive] = useState(false);
  const depth = useRef(0);
  const onImageRef = useRef(onImage);
  useEffect(() => {
    onImageRef.current = onImage;
  });

  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!dragMayCarryImage(e.dataTransfer)) return;
      depth.current++;
      setActive(true);
    };
    const over = (e: DragEvent) => {
      if (!dragMayCarryImage(e.dataTransfer) || e.defaultPrevented) return;
      e.preventDefault(); // allows the drop
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setActive(false);
    };
    const drop = (e: DragEvent) => {
      depth.current = 0;
      setActive(false);
      if (e.defaultPrevented || !e.dataTransfer) return;
      const transfer = imageFromTransfer(e.dataTransfer);
      if (!transfer) return;
      e.preventDefault();
      onImageRef.current(transfer);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  if (!active) return null;
  return (
    <div className="ae-drop-overlay" data-testid="own-image-drop-overlay" aria-hidden="true">
      <p>Drop a picture to attack it</p>
    </div>
  );
}

/** Pictures pasted anywhere (Ctrl+V / ⌘V) - not text pasted into a field. */
export function usePastedImages(onImage: (transfer: ImageTransfer) => void): void {
  const onImageRef = useRef(onImage);
  useEffect(() => {
    onImageRef.current = onImage;
  });
  useEffect(() => {
    const paste = (e: ClipboardEvent) => {
      const data = e.clipboardData;
      if (!data || data.files.length === 0) return;
      const transfer = imageFromTransfer(data);
      if (!transfer) return;
      e.preventDefault();
      onImageRef.current(transfer);
    };
    document.addEventListener('paste', paste);
    return () => document.removeEventListener('paste', paste);
  }, []);
}
