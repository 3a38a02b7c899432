/**
 * The worker's surface, derived from the operation table (../operations.ts): every call is
 * guarded (errors leave as EngineErrors), announced to the heartbeat with its estimated longest
 * synchronous stretch, timed when its entry says so, and, when long, registered for cancel with
 * its progress listener wrapped and released at the end. Results' typed arrays are transferred.
 */
import type { BackendName, Progress } from '../api';
import {
  ENGINE_OPERATIONS,
  type EngineApi,
  type EngineOperations,
  type OperationName,
} from '../operations';
import type {
  ArgsOf,
  PartialOf,
  ProgressListener,
  ResultOf,
  SomeOperation,
} from '../operationSpec';
import type { CancelRegistry } from './cancellation';
import type { WorkSignal } from './heartbeat';
import { callbackHandle } from './remoteCallback';
import { withTransfer } from './transfer';

/** What an implementation gets besides its arguments. */
export interface CallContext<Partial> {
  /** reports progress to the caller; never throws */
  onProgress(progress: Progress<Partial>): void;
  /** true once the caller cancelled this call (always false for calls that are not long) */
  shouldCancel(): boolean;
  /** a long call's request id, which cancel and controlTraining name (NaN for other calls) */
  readonly requestId: number;
}

/** One operation's work: its arguments as the table declares them, its plain result. */
export type Implementation<O extends SomeOperation> = (
  args: ArgsOf<O>,
  call: CallContext<PartialOf<O>>,
) => Promise<ResultOf<O>>;

export type Implementations = {
  [K in OperationName]: Implementation<EngineOperations[K]>;
};

/** The longest synchronous stretch (ms) of a call, for the heartbeat; absent: not announced. */
export type BusyEstimates = {
  [K in OperationName]?: (args: ArgsOf<EngineOperations[K]>) => number;
};

export interface DispatchRuntime {
  /** runs a call's work: every error leaves as an EngineError */
  guard<T>(work: () => Promise<T>): Promise<T>;
  /** resolves once the backend has started (timed calls wait for it before the clock starts) */
  ready(): Promise<unknown>;
  /** the active backend, for TimedResult */
  backendName(): BackendName;
  cancels: CancelRegistry;
  /** where work is announced (the heartbeat); absent in tests and peers */
  work?: WorkSignal;
}

/** How the dispatch sees any implementation: the table types are checked in Implementations. */
type AnyImplementation = (args: unknown[], call: CallContext<unknown>) => Promise<unknown>;
type AnyEstimate = (args: unknown[]) => number;
type AnyMethod = (...wire: unknown[]) => Promise<unknown>;

const notCancelled = (): boolean => false;

function method(
  operation: SomeOperation,
  implementation: AnyImplementation,
  estimate: AnyEstimate | undefined,
  runtime: DispatchRuntime,
): AnyMethod {
  const timed = async (work: () => Promise<unknown>): Promise<unknown> => {
    await runtime.ready();
    const start = performance.now();
    const result = await work();
    const ms = performance.now() - start;
    return { result, ms, backend: runtime.backendName() };
  };
  return (...wire) => {
    const args = wire.slice(0, operation.arity);
    const long = operation.flags.long === true;
    const requestId = wire[operation.arity] as number;
    const listener = long ? (wire[operation.arity + 1] as ProgressListener<unknown>) : undefined;
    const progress = callbackHandle<Progress<unknown>>(listener);
    const shouldCancel = long ? runtime.cancels.begin(requestId) : notCancelled;
    const call: CallContext<unknown> = {
      onProgress: (p) => progress.call(p),
      shouldCancel,
      requestId: long ? requestId : Number.NaN,
    };
    const work = (): Promise<unknown> => implementation(args, call);
    const run = (): Promise<unknown> =>
      runtime.guard(async () =>
        withTransfer(await (operation.flags.timing ? timed(work) : work())),
      );
    let running: Promise<unknown>;
    if (runtime.work && estimate) {
      const end = runtime.work.begin(estimate(args));
      running = run().finally(end);
    } else {
      running = run();
    }
    if (!long) return running;
    return running.finally(() => {
      runtime.cancels.end(requestId);
      progress.release();
    });
  };
}

/** The engine surface: one method per table entry, each running its implementation. */
export function dispatch(
  implementations: Implementations,
  estimates: BusyEstimates,
  runtime: DispatchRuntime,
): EngineApi {
  const surface: Record<string, AnyMethod> = {};
  for (const name of Object.keys(ENGINE_OPERATIONS) as OperationName[]) {
    surface[name] = method(
      ENGINE_OPERATIONS[name],
      implementations[name] as AnyImplementation,
      estimates[name] as AnyEstimate | undefined,
      runtime,
    );
  }
  // each method was built from its own table entry and implementation, typed above
  return surface as unknown as EngineApi;
}
