/**
 * Which model a colour photo should meet: a model made for digits or clothing (grey, MNIST
 * recipe) sees a photo as a smudge, so a photo arriving there goes to the default photo model;
 * a greyscale model the user brought keeps the photo, converted to grey.
 */
import type { ModelManifest } from './manifest';
import { isOwnModelManifest } from './ownModelManifest';

/** the model colour photos switch to, when the index has it */
export const DEFAULT_PHOTO_MODEL_ID = 'cifar10-conv';

/** A model for grey pictures: the MNIST recipe, or any grey input. */
export function isGreyscaleModel(manifest: ModelManifest): boolean {
  return manifest.preprocessing.recipe === 'mnist' || manifest.preprocessing.colour === 'grey';
}

/**
 * The model to switch to for a colour photo while `current` is selected: the default photo
 * model when `current` is a shipped greyscale one (digits, clothing) and the list has it; null
 * to keep `current`. A model the user brought is never replaced: the photo is made grey for it.
 */
export function photoModelFor(
  current: ModelManifest | undefined,
  models: readonly ModelManifest[],
): ModelManifest | null {
  if (!current || isOwnModelManifest(current) || !isGreyscaleModel(current)) return null;
  const photo = models.find((m) => m.id === DEFAULT_PHOTO_MODEL_ID);
  return photo && photo.id !== current.id && !isGreyscaleModel(photo) ? photo : null;
}
