/**
 * How one engine operation is declared (the table is engine/operations.ts) and the types derived
 * from a declaration: the worker's method, the client's method and the implementation's.
 * Types and one small constructor only: the main thread and the worker both import it.
 */
import type { Progress, TimedResult } from './api';

/** Who calls an operation through the engine worker's surface. */
export type Audience =
  /** the app: the client bridge offers it as a method derived from the table */
  | 'app'
  /** the bridge's own hand-written methods (starting a worker, loading models, cancelling) */
  | 'bridge'
  /** engines only, on their peer engines (shares of a map or of a test-set attack) */
  | 'peers';

export interface OperationFlags {
  /** who calls it (default 'app') */
  readonly audience?: Audience;
  /**
   * 'measured': the engine times it, after the backend is ready and read-back included, and its
   * result arrives as TimedResult<Result>; 'reported': measured, and the client also reports the
   * time to its timing listeners (the shell's "last operation" figure). Absent: not timed.
   */
  readonly timing?: 'measured' | 'reported';
  /**
   * A long call: it reports Progress<Partial> while it runs and can be stopped inside the worker
   * (cancel per request id). Declared by giving the operation a partial-result type.
   */
  readonly long?: boolean;
}

/** A declared operation: its runtime flags, and its types carried in a field never set. */
export interface Operation<
  Args extends unknown[],
  Result,
  Partial,
  Flags extends OperationFlags = OperationFlags,
> {
  /** how many arguments it takes; the client's call options follow them */
  readonly arity: number;
  readonly flags: Flags;
  readonly types?: { args: Args; result: Result; partial: Partial };
}

/** Any declared operation (every Operation is assignable to it). */
export type SomeOperation = Operation<unknown[], unknown, unknown>;

/** A long operation is one with a partial-result type, and only such one. */
type LongFlag<Partial> = [Partial] extends [never]
  ? { readonly long?: false }
  : { readonly long: true };

/**
 * Declares an operation: `operation<[modelId: string], LayerWeights>()({ arity: 1 })`.
 * Curried so that the types are written out and the flags keep their literal values.
 */
export function operation<Args extends unknown[], Result, Partial = never>() {
  return <
    const Spec extends { readonly arity: Required<Args>['length'] } & OperationFlags &
      LongFlag<Partial>,
  >(
    // a misspelt flag is an error, not a silently ignored property
    spec: Spec & { readonly [K in Exclude<keyof Spec, 'arity' | keyof OperationFlags>]: never },
  ): Operation<Args, Result, Partial, Omit<Spec, 'arity'>> => {
    const { arity, ...flags } = spec;
    return { arity, flags };
  };
}

type TypesOf<O extends SomeOperation> = NonNullable<O['types']>;
export type ArgsOf<O extends SomeOperation> = TypesOf<O>['args'];
export type ResultOf<O extends SomeOperation> = TypesOf<O>['result'];
export type PartialOf<O extends SomeOperation> = TypesOf<O>['partial'];

export type IsLong<O extends SomeOperation> = O['flags'] extends { long: true } ? true : false;
export type AudienceOf<O extends SomeOperation> = O['flags'] extends { audience: infer A }
  ? A
  : 'app';

/** What a call answers: the result, or for a timed operation the result with its timing. */
export type OutcomeOf<O extends SomeOperation> = O['flags'] extends {
  timing: 'measured' | 'reported';
}
  ? TimedResult<ResultOf<O>>
  : ResultOf<O>;

export type ProgressListener<Partial> = (progress: Progress<Partial>) => void;

/** The worker's method: a long one takes the request id and a progress listener after its arguments. */
export type WorkerMethod<O extends SomeOperation> =
  IsLong<O> extends true
    ? (
        ...args: [...ArgsOf<O>, requestId: number, onProgress?: ProgressListener<PartialOf<O>>]
      ) => Promise<OutcomeOf<O>>
    : (...args: ArgsOf<O>) => Promise<OutcomeOf<O>>;

/** The surface a worker exposes for a table of operations. */
export type WorkerSurface<Table extends Record<string, SomeOperation>> = {
  [K in keyof Table]: WorkerMethod<Table[K]>;
};

/** Names of the operations in a table with this flag value. */
export type NamesWhere<Table extends Record<string, SomeOperation>, Flag> = {
  [K in keyof Table]: Table[K]['flags'] extends Flag ? K : never;
}[keyof Table] &
  string;
