/**
 * The data the engine's operations take and give (operations.ts declares the operations). Types
 * and plain constants only, so the main bundle never pulls in tfjs. Images cross the boundary as
 * pixel values in [0, 1], height x width x channels, row-major (HWC), whatever range the model
 * itself wants.
 */
import type { OutputKind } from '../models/manifest';
import type { OwnOutputReport } from '../models/ownModelOutput';
import type { ImageData01 } from '../shared/image';
import type { AttackMode, BackendName, LabelSource, MapHorizontal } from '../shared/vocabulary';

export type * from './experimentTypes';
export { EXPERIMENT_KINDS } from './experimentTypes';
export type { LayerWeights } from './layerWeights';

export { ATTACK_MODES, BACKEND_NAMES, MAP_HORIZONTALS } from '../shared/vocabulary';
export type { AttackMode, BackendName, LabelSource, MapHorizontal } from '../shared/vocabulary';
export type { ImageData01 } from '../shared/image';

export interface BackendCandidate {
  name: BackendName;
  available: boolean;
  /** why it is unusable, when it is */
  reason?: string;
  /** median milliseconds of the probe workload, when it was timed */
  probeMs?: number;
  /** adapter / renderer description */
  adapter?: string;
  software?: boolean;
  /** what else the UI should show, e.g. why a usable candidate was not fully timed */
  note?: string;
}

/** What a page keeps of a measured backend choice, to skip the probes next time. */
export interface RememberedBackend {
  machine: string;
  active: BackendName;
}

export interface BackendInfo {
  active: BackendName;
  adapter: string;
  /** a CPU-emulated GPU adapter (SwiftShader, llvmpipe, ...) */
  software: boolean;
  /**
   * 'remembered': the choice measured before on this browser and adapters, not timed again;
   * 'elimination': the only candidate worth timing (wasm beside cpu and CPU-emulated GPUs)
   */
  chosenBy: 'measured' | 'override' | 'fallback' | 'remembered' | 'elimination';
  candidates: BackendCandidate[];
  /** the browser and adapters the choice was made on: a remembered choice holds for these only */
  machine?: string;
  /** how long choosing took, in milliseconds */
  choiceMs: number;
  /** the preference the engine was started with */
  requested?: BackendName | 'auto';
  /** why the requested backend is not the active one (chosenBy 'fallback') */
  reason?: string;
  /** peer engines on other cores that compute shares of the cross-section maps (0: none) */
  peers?: number;
  /** set when this engine is shared by the explorers of a page (a SharedWorker): its id */
  sharedEngine?: string;
}

export interface Prediction {
  logits: Float32Array;
  probabilities: Float32Array;
  predictedClass: number;
  confidence: number;
}

export interface AttackParams {
  mode: AttackMode;
  /** max-norm of the perturbation, in [0, 1] pixel units */
  eps: number;
  labelSource: LabelSource;
  /** needed when labelSource is 'true' */
  trueLabel?: number;
  /** needed for 'targeted' */
  targetClass?: number;
  /** PGD: number of steps (default 10) */
  steps?: number;
  /** PGD: step size (default eps / 4) */
  stepSize?: number;
  /** clip range of the perturbed image (default [0, 1]) */
  clip?: [number, number];
  /** seed of the noise controls and of PGD's random start (default 0) */
  seed?: number;
}

export interface AttackResult {
  adversarial: ImageData01;
  /** adversarial - original, after clipping */
  perturbation: Float32Array;
  clean: Prediction;
  attacked: Prediction;
  /** the label whose loss was raised (untargeted) or lowered (targeted) */
  lossLabel: number;
  /** the max-norm actually reached after clipping */
  linfNorm: number;
}

export interface SweepParams {
  /** the grid runs from -epsMax to +epsMax */
  epsMax: number;
  /** number of grid points (default 201) */
  points?: number;
  labelSource: LabelSource;
  trueLabel?: number;
  /** clip x + eps*d to this range; omitted: no clipping (as in the paper's Fig. 4) */
  clip?: [number, number];
}

export interface SweepResult {
  eps: Float32Array;
  numClasses: number;
  /** points x numClasses, row-major */
  logits: Float32Array;
  probabilities: Float32Array;
  predictedClass: Int32Array;
  /** the fixed direction sign(grad_x J) at eps = 0 */
  direction: Float32Array;
  lossLabel: number;
}

export interface CrossSectionParams {
  epsMax: number;
  /** cells per side, 2..256 (default 64) */
  resolution?: number;
  /** seed of the random orthogonal direction (and of a random horizontal one) */
  seed?: number;
  /** the horizontal direction: 'fgsm' (default) or a seeded random ±1 direction */
  horizontal?: MapHorizontal;
  labelSource: LabelSource;
  trueLabel?: number;
  clip?: [number, number];
}

export interface CrossSectionResult {
  resolution: number;
  epsMax: number;
  /** resolution x resolution, row 0 at +epsMax of the vertical (random) axis, column 0 at -epsMax
   * of the horizontal (FGSM) axis */
  predictedClass: Int32Array;
  confidence: Float32Array;
  /** FGSM direction (or, with horizontal: 'random', random ±1 signs), max-norm 1 */
  horizontal: Float32Array;
  /** random direction orthogonal to `horizontal`, max-norm 1 */
  vertical: Float32Array;
}

/**
 * What a cross-section reports while it refines (Progress.partial): a map at `resolution`, laid
 * out as CrossSectionResult, complete for its first `rowsDone` rows.
 */
export interface CrossSectionPartial {
  resolution: number;
  rowsDone: number;
  /** -1 in rows not done yet */
  predictedClass: Int32Array;
  confidence: Float32Array;
}

/** Class and confidence of each cell of a batch of cross-section cells. */
export interface CellResults {
  predicted: Int32Array;
  confidence: Float32Array;
}

/** A cross-section plane in plain data: another engine can rebuild it and evaluate cells on it. */
export interface PlaneSpec {
  image: ImageData01;
  /** FGSM direction, max-norm 1 */
  horizontal: Float32Array;
  /** random direction orthogonal to `horizontal`, max-norm 1 */
  vertical: Float32Array;
  /** clip range of the cells, or null for none */
  clip: [number, number] | null;
}

/** How far a long call is; `partial` is the operation's partial result (operations.ts). */
export interface Progress<Partial = unknown> {
  done: number;
  total: number;
  /** a partial result for progressive views, when the operation has one to show */
  partial?: Partial;
}

export interface TimedResult<T> {
  result: T;
  /** milliseconds the engine spent, read-back included */
  ms: number;
  backend: BackendName;
}

export interface LoadedModelInfo {
  id: string;
  numClasses: number;
  inputShape: [number, number, number];
  parameterCount: number;
  /** notes the user should see, e.g. "attacking the logits of layer conv_preds" */
  notes: string[];
  /**
   * how the engine reads the output: the manifest's, or for an own model what loading found
   * ('rbf' when it ends in an RBF layer, so its probabilities are exp(s), else 'logits')
   */
  output: OutputKind;
  /** own models: the output kind found (or chosen) and how */
  outputReport?: OwnOutputReport;
}

export type EngineErrorCode =
  | 'invalid-argument'
  | 'model-not-loaded'
  | 'model-load-failed'
  | 'backend-unavailable'
  | 'cancelled'
  /** the call broke the engine (out of memory in the backend): the client restarts it */
  | 'engine-failed'
  | 'internal';

/** The serialisable error the engine throws; the client rebuilds it on the main thread. */
export interface EngineErrorData {
  code: EngineErrorCode;
  message: string;
}

/** tf.memory() of one engine. */
export interface TensorMemory {
  numTensors: number;
  numBytes: number;
}

export interface MemoryOptions {
  /** also ask every running peer engine, once it has finished its queued loads */
  peers?: boolean;
}

export interface EngineMemory extends TensorMemory {
  /** the running peer engines' own figures (asked for with `peers`; [] when none runs) */
  peers?: TensorMemory[];
}

/** What starting an engine takes (the client passes its backend preference). */
export interface InitOptions {
  backend?: BackendName | 'auto';
  /** where the wasm backend finds its binaries, when not where the worker was built to look */
  wasmBaseUrl?: string;
  /** a choice measured before (BackendInfo.machine and .active); kept when the machine matches */
  remembered?: RememberedBackend;
}

// Training lab (issue 16): its types; its operations are train and controlTraining (operations.ts)
export type * from './trainingTypes';
export {
  DEFAULT_TRAINING_SPEC,
  LAB_ARCHITECTURES,
  LAB_DATASETS,
  LAB_OBJECTIVES,
} from './trainingTypes';
