/**
 * The typed engine API: what the main thread may ask of the engine worker. Types and plain
 * constants only, so the main bundle never pulls in tfjs. Images cross the boundary as pixel values in [0, 1],
 * height x width x channels, row-major (HWC), whatever range the model itself wants.
 */
import type { ModelManifest, OutputKind } from '../models/manifest';
import type { ImageData01 } from '../shared/image';
import type { AttackMode, BackendName, LabelSource } from '../shared/vocabulary';
import type {
  AttackShareOutcome,
  AttackShareSpec,
  ExperimentResult,
  ExperimentSpec,
} from './experimentTypes';

export type * from './experimentTypes';
export { EXPERIMENT_KINDS } from './experimentTypes';
import type { LayerWeights } from './layerWeights';
export type { LayerWeights } from './layerWeights';

export { ATTACK_MODES, BACKEND_NAMES } from '../shared/vocabulary';
export type { AttackMode, BackendName, LabelSource } from '../shared/vocabulary';
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

export interface BackendInfo {
  active: BackendName;
  adapter: string;
  /** a CPU-emulated GPU adapter (SwiftShader, llvmpipe, ...) */
  software: boolean;
  chosenBy: 'measured' | 'override' | 'fallback';
  candidates: BackendCandidate[];
  /** how long choosing took, in milliseconds */
  choiceMs: number;
  /** the preference the engine was started with */
  requested?: BackendName | 'auto';
  /** why the requested backend is not the active one (chosenBy 'fallback') */
  reason?: string;
  /** peer engines on other cores that compute shares of the cross-section maps (0: none) */
  peers?: number;
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
  /** seed of the random orthogonal direction */
  seed?: number;
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
  /** FGSM direction, max-norm 1 */
  horizontal: Float32Array;
  /** random direction orthogonal to `horizontal`, max-norm 1 */
  vertical: Float32Array;
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

export interface Progress {
  done: number;
  total: number;
  /** optional partial result for progressive views */
  partial?: unknown;
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
}

export type EngineErrorCode =
  | 'invalid-argument'
  | 'model-not-loaded'
  | 'model-load-failed'
  | 'backend-unavailable'
  | 'cancelled'
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

/** The worker's surface, exposed through comlink. Every long call takes a progress callback. */
export interface EngineApi extends TrainingEngineApi {
  init(options: { backend?: BackendName | 'auto'; wasmBaseUrl?: string }): Promise<BackendInfo>;
  backendInfo(): Promise<BackendInfo>;
  loadModel(manifest: ModelManifest, baseUrl: string): Promise<LoadedModelInfo>;
  unloadModel(id: string): Promise<void>;
  predict(modelId: string, images: ImageData01[]): Promise<TimedResult<Prediction[]>>;
  attack(
    modelId: string,
    image: ImageData01,
    params: AttackParams,
  ): Promise<TimedResult<AttackResult>>;
  sweep(
    modelId: string,
    image: ImageData01,
    params: SweepParams,
  ): Promise<TimedResult<SweepResult>>;
  crossSection(
    modelId: string,
    image: ImageData01,
    params: CrossSectionParams,
    requestId: number,
    onProgress?: (p: Progress) => void,
  ): Promise<TimedResult<CrossSectionResult>>;
  /**
   * Class and confidence of the cells x + a_i h + b_i v of a plane: a peer engine's share of a
   * map another engine is computing (src/engine/worker/peerPool.ts)
   */
  crossSectionCells(
    modelId: string,
    plane: PlaneSpec,
    a: Float32Array,
    b: Float32Array,
  ): Promise<CellResults>;
  firstLayerWeights(modelId: string): Promise<LayerWeights>;
  /** runs one of the paper's experiments on loaded models (progress.partial: ExperimentPartial) */
  runExperiment(
    spec: ExperimentSpec,
    requestId: number,
    onProgress?: (p: Progress) => void,
  ): Promise<TimedResult<ExperimentResult>>;
  /** a peer engine's share of a chunk of a test-set attack another engine is running */
  experimentShare(share: AttackShareSpec): Promise<AttackShareOutcome>;
  /** cancels the long call with this request id */
  cancel(requestId: number): Promise<void>;
  /** live tensors and their bytes, for leak tests; with `peers`, the peer engines' too */
  memory(options?: MemoryOptions): Promise<EngineMemory>;
}

// ---- Training lab (issue 16): types in trainingTypes.ts, worker in worker/trainingSession.ts ----
export type * from './trainingTypes';
export {
  DEFAULT_TRAINING_SPEC,
  LAB_ARCHITECTURES,
  LAB_DATASETS,
  LAB_OBJECTIVES,
} from './trainingTypes';
import type {
  TrainingCommand,
  TrainingProgress,
  TrainingResult,
  TrainingSpec,
} from './trainingTypes';

/** The Training lab's calls; EngineApi includes them. */
export interface TrainingEngineApi {
  /**
   * Trains a lab model on the training set served under `dataBaseUrl` (its data/ folder);
   * progress at least twice a second; resolves when the run finishes or is stopped.
   */
  train(
    spec: TrainingSpec,
    dataBaseUrl: string,
    requestId: number,
    onProgress?: (p: TrainingProgress) => void,
  ): Promise<TrainingResult>;
  /** pauses, resumes or stops the run of this request id between two of its steps */
  controlTraining(requestId: number, command: TrainingCommand): Promise<void>;
}
