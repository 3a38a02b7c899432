/**
 * One entry for every way a picture arrives (file, drop, paste, URL, drawing): decode and check
 * it, then make it the current image - or show why not in the error banner and keep the
 * current image. The newest request wins.
 */
import { useCallback, useRef, useState } from 'react';
import { useAppStoreApi, type NewOwnImage } from '../../state';
import { fetchImageUrl, readImageBlob } from './decode';
import type { ImageTransfer } from './transfer';

export const OWN_IMAGE_ERROR_SOURCE = 'own-image';

/** decoded pixels; `keepSettings`: the next stroke of the same drawing keeps label and adjustments */
export interface PixelsInput {
  kind: 'pixels';
  image: NewOwnImage;
  keepSettings?: boolean;
}

export interface ImageIntake {
  /** a file, a picture's address, or already decoded pixels (the drawing pad) */
  load(input: ImageTransfer | PixelsInput): Promise<void>;
  busy: boolean;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : 'The picture could not be read.';
}

export function useImageIntake(): ImageIntake {
  const store = useAppStoreApi();
  const token = useRef(0);
  const [busy, setBusy] = useState(false);

  const load = useCallback<ImageIntake['load']>(
    async (input) => {
      const mine = ++token.current;
      setBusy(true);
      try {
        const image =
          input.kind === 'pixels'
            ? input.image
            : input.kind === 'file'
              ? await readImageBlob(input.file, input.file.name || 'pasted picture')
              : await fetchImageUrl(input.url);
        if (mine !== token.current) return;
        const s = store.getState();
        s.clearErrors(OWN_IMAGE_ERROR_SOURCE);
        s.receiveOwnImage(image, {
          keepSettings: input.kind === 'pixels' && input.keepSettings === true,
        });
      } catch (e) {
        if (mine === token.current) {
          // the last picture's failure is the one that matters: earlier ones would pile up
          const s = store.getState();
          s.clearErrors(OWN_IMAGE_ERROR_SOURCE);
          s.pushError(OWN_IMAGE_ERROR_SOURCE, message(e));
        }
      } finally {
        if (mine === token.current) setBusy(false);
      }
    },
    [store],
  );
  return { load, busy };
}
