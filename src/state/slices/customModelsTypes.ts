/** The own-models slice's types (see customModels.ts), apart so types.ts composes them without a cycle. */
import type { ModelManifest } from '../../models/manifest';
import type { BundledDatasetId } from '../../shared/dataset';

/** the user's class names did not fit the model (names + 1 = outputs: a background class) */
export interface ClassCountMismatch {
  names: number;
  outputs: number;
}

export type OwnModelStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; name: string }
  | { kind: 'error'; message: string; classCount?: ClassCountMismatch }
  | { kind: 'loaded'; id: string; notes: string[] };

export interface OwnModelRequest {
  /** bumps with every request, so the same model can be asked for again */
  token: number;
  /** classNames empty: the engine reads the number of classes from the model (else checks it) */
  manifest: ModelManifest;
  /** the user's class names; null: class 0..N-1 */
  classNames: string[] | null;
  /** where the names came from, for messages ("imagenet_classes.json", "the typed names") */
  classSource: string;
}

export interface CustomModelsData {
  customModels: ModelManifest[];
  ownModelRequest: OwnModelRequest | null;
  ownModelStatus: OwnModelStatus;
  /** ids of the models kept in this browser (IndexedDB), which survive a reload */
  keptModelIds: string[];
}

export interface CustomModelsActions {
  requestOwnModel(manifest: ModelManifest, classNames: string[] | null, classSource?: string): void;
  setOwnModelStatus(status: OwnModelStatus): void;
  /** adds a loaded model to the picker's list (replacing one of the same id) and selects it */
  addCustomModel(manifest: ModelManifest): void;
  /** adds models kept in this browser to the picker's list, selecting none of them */
  addKeptModels(manifests: readonly ModelManifest[]): void;
  /** notes that the model of this id (in the picker or not) is kept in this browser */
  markKept(id: string): void;
  /**
   * gives an own model a bundled test set that fits it (same id; see withTestSet) and shows its
   * test images; one that does not fit is refused with the reason, as an error
   */
  pairOwnModelWithTestSet(id: string, set: BundledDatasetId): void;
  /** takes a model out of the picker (and of the kept ones); a selected one gives way to another */
  removeCustomModel(id: string): void;
}
