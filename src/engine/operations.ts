/**
 * The engine's operations, each declared once: its arguments, result, partial result and how it
 * is called. The worker's dispatch (worker/dispatch.ts), the worker surface (EngineApi), the
 * client's methods (bridge/operationMethods.ts) and its timing list are all derived from this
 * table. Adding an operation: one entry here, and its implementation in worker/engine.ts (which
 * calls engine/core). Results' typed arrays are moved to the caller, so return fresh arrays.
 */
import type {
  AttackParams,
  AttackResult,
  BackendInfo,
  CellResults,
  CrossSectionParams,
  CrossSectionPartial,
  CrossSectionResult,
  EngineMemory,
  ImageData01,
  InitOptions,
  LayerWeights,
  LoadedModelInfo,
  MemoryOptions,
  PlaneSpec,
  Prediction,
  SweepParams,
  SweepResult,
} from './api';
import type {
  AttackShareOutcome,
  AttackShareSpec,
  ExperimentPartial,
  ExperimentResult,
  ExperimentSpec,
} from './experimentTypes';
import type {
  LabNetwork,
  PeerTrainShare,
  ShareGradients,
  TrainingCommand,
  TrainingProgress,
  TrainingResult,
  TrainingSpec,
} from './trainingTypes';
import type { ModelManifest } from '../models/manifest';
import type { MapCost } from '../shared/mapEstimate';
import { operation, type NamesWhere, type WorkerSurface } from './operationSpec';

export const ENGINE_OPERATIONS = {
  /** starts (or restarts) the backend: measured choice, or the preference */
  init: operation<[options: InitOptions], BackendInfo>()({ arity: 1, audience: 'bridge' }),
  loadModel: operation<[manifest: ModelManifest, baseUrl: string], LoadedModelInfo>()({
    arity: 2,
    audience: 'bridge',
  }),
  unloadModel: operation<[id: string], void>()({ arity: 1, audience: 'bridge' }),
  predict: operation<[modelId: string, images: ImageData01[]], Prediction[]>()({
    arity: 2,
    timing: 'reported',
  }),
  attack: operation<[modelId: string, image: ImageData01, params: AttackParams], AttackResult>()({
    arity: 3,
    timing: 'reported',
  }),
  sweep: operation<[modelId: string, image: ImageData01, params: SweepParams], SweepResult>()({
    arity: 3,
    timing: 'reported',
  }),
  crossSection: operation<
    [modelId: string, image: ImageData01, params: CrossSectionParams],
    CrossSectionResult,
    CrossSectionPartial
  >()({ arity: 3, timing: 'reported', long: true }),
  /**
   * Class and confidence of the cells x + a_i h + b_i v of a plane: a peer engine's share of a
   * map another engine is computing (worker/peerPool.ts)
   */
  crossSectionCells: operation<
    [modelId: string, plane: PlaneSpec, a: Float32Array, b: Float32Array],
    CellResults
  >()({ arity: 4, audience: 'peers' }),
  /** what a map costs this model on this backend (measured once): for the view's estimate */
  mapCost: operation<[modelId: string], MapCost>()({ arity: 1 }),
  firstLayerWeights: operation<[modelId: string], LayerWeights>()({ arity: 1 }),
  /** runs one of the paper's experiments on loaded models */
  runExperiment: operation<[spec: ExperimentSpec], ExperimentResult, ExperimentPartial>()({
    arity: 1,
    timing: 'measured',
    long: true,
  }),
  /** a peer engine's share of a chunk of a test-set attack another engine is running */
  experimentShare: operation<[share: AttackShareSpec], AttackShareOutcome>()({
    arity: 1,
    audience: 'peers',
  }),
  /**
   * a peer engine's share of a Training lab step another engine is training, at the weights the
   * share carries (core/training/labShares.ts)
   */
  trainShare: operation<[network: LabNetwork, share: PeerTrainShare], ShareGradients>()({
    arity: 2,
    audience: 'peers',
  }),
  /**
   * Trains a Training lab model on the training set served under `dataBaseUrl` (its data/
   * folder); its progress (partial: the run so far) comes at least twice a second; resolves when
   * the run finishes or is stopped. The bridge wraps it in a handle (bridge/training.ts).
   */
  train: operation<[spec: TrainingSpec, dataBaseUrl: string], TrainingResult, TrainingProgress>()({
    arity: 2,
    audience: 'bridge',
    long: true,
  }),
  /** pauses, resumes or stops the training run of this request id between two of its steps */
  controlTraining: operation<[requestId: number, command: TrainingCommand], void>()({
    arity: 2,
    audience: 'bridge',
  }),
  /** stops the long call with this request id */
  cancel: operation<[requestId: number], void>()({ arity: 1, audience: 'bridge' }),
  /** live tensors and their bytes, for leak tests; with `peers`, the peer engines' too */
  memory: operation<[options?: MemoryOptions], EngineMemory>()({ arity: 1 }),
} as const;

export type EngineOperations = typeof ENGINE_OPERATIONS;
export type OperationName = keyof EngineOperations;

/** The worker's surface, exposed through comlink (the engine's and every peer's). */
export type EngineApi = WorkerSurface<EngineOperations>;

/** The operations whose engine time the client reports (the shell's "last operation"). */
export type TimedOperation = NamesWhere<EngineOperations, { timing: 'reported' }>;
