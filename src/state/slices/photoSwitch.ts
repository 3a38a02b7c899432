/**
 * Pictures arriving from the user (drop, paste, file, address, sample, drawing) pass here: a
 * colour photo that meets a greyscale model (digits, clothing) moves the app to the default photo
 * model, and the notice this leaves lets the user go back ("Keep <previous>"). Once the user
 * keeps a greyscale model, later photos no longer switch in this session.
 */
import { photoModelFor } from '../../models/photoModel';
import { isColourPhoto } from '../../shared/preprocess';
import { selectModels, selectSelectedManifest } from '../selectors';
import type { AppSlice } from '../sliceTypes';
import type { PhotoSwitchData, PhotoSwitchActions } from './photoSwitchTypes';
export type { ModelSwitchNotice, PhotoSwitchData, PhotoSwitchActions } from './photoSwitchTypes';

export const photoSwitchDefaults: PhotoSwitchData = {
  modelSwitch: null,
  photoSwitchDeclined: false,
};

export const createPhotoSwitchSlice: AppSlice<PhotoSwitchData & PhotoSwitchActions> = (
  set,
  get,
) => ({
  ...photoSwitchDefaults,
  receiveOwnImage: (image, options) => {
    const s = get();
    const current = selectSelectedManifest(s);
    const photoModel =
      !s.photoSwitchDeclined && isColourPhoto(image.raster)
        ? photoModelFor(current, selectModels(s))
        : null;
    if (current && photoModel) {
      s.selectModel(photoModel.id);
      set({ modelSwitch: { fromModelId: current.id, toModelId: photoModel.id } });
    }
    get().setOwnImage(image, options);
  },
  keepPreviousModel: () => {
    const notice = get().modelSwitch;
    if (!notice) return;
    set({ modelSwitch: null, photoSwitchDeclined: true });
    const known = selectModels(get()).some((m) => m.id === notice.fromModelId);
    if (known && get().selectedModelId === notice.toModelId) get().selectModel(notice.fromModelId);
  },
  dismissModelSwitch: () => set({ modelSwitch: null }),
});
