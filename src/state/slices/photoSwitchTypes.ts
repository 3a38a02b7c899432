/** The photo-switch slice's types (see photoSwitch.ts), apart so types.ts composes them without a cycle. */
import type { NewOwnImage } from './ownImageTypes';

/** A switch made for a photo, until the user keeps it (dismisses) or goes back. */
export interface ModelSwitchNotice {
  fromModelId: string;
  toModelId: string;
}

export interface PhotoSwitchData {
  modelSwitch: ModelSwitchNotice | null;
  /** the user went back once: photos no longer switch the model */
  photoSwitchDeclined: boolean;
}

export interface PhotoSwitchActions {
  /** a new picture from the user: switches to the photo model when it calls for it, then shows it */
  receiveOwnImage(image: NewOwnImage, options?: { keepSettings?: boolean }): void;
  /** back to the model the photo switched from ("Keep <previous>") */
  keepPreviousModel(): void;
  dismissModelSwitch(): void;
}
