/**
 * The client's operation methods, derived from the operation table: each takes the operation's
 * arguments, then its call options, and sends the arguments to the worker, followed for a long
 * operation by the request id (for cancel) and a progress listener.
 */
import { proxy } from 'comlink';
import type { Progress } from '../api';
import type { AppOperationName, AppOperations, CallOptions, LongCallOptions } from '../clientApi';
import { ENGINE_OPERATIONS, type OperationName } from '../operations';
import type { SomeOperation } from '../operationSpec';
import type { Invoke } from './job';

/** How the bridge runs one call (CallRunner.submit). */
export type SubmitCall = (
  operation: OperationName,
  options: CallOptions | undefined,
  long: boolean,
  invoke: Invoke<unknown>,
) => Promise<unknown>;

type SendArgs = (args: unknown[], options: LongCallOptions | undefined) => Promise<unknown>;
type AnyWorkerMethod = (...wire: unknown[]) => Promise<unknown>;

/** One method per operation of audience 'app', each made by `make`. */
function appMethods(make: (name: AppOperationName, long: boolean) => SendArgs): AppOperations {
  const methods: Record<string, (...given: unknown[]) => Promise<unknown>> = {};
  for (const name of Object.keys(ENGINE_OPERATIONS) as OperationName[]) {
    const { arity, flags }: SomeOperation = ENGINE_OPERATIONS[name];
    if ((flags.audience ?? 'app') !== 'app') continue;
    const send = make(name as AppOperationName, flags.long === true);
    methods[name] = (...given) =>
      send(given.slice(0, arity), given[arity] as LongCallOptions | undefined);
  }
  // each method takes its entry's arguments and options, as AppOperations derives them
  return methods as unknown as AppOperations;
}

/** The bridge's operation methods: every call goes through `submit`. */
export function bridgeOperationMethods(submit: SubmitCall): AppOperations {
  return appMethods(
    (name, long) => (args, options) =>
      submit(name, options, long, (api, job) => {
        const method = api[name] as unknown as AnyWorkerMethod;
        if (!long) return method(...args);
        const listener = options?.onProgress;
        // progress of a stale, aborted or superseded attempt is not shown
        const onProgress = listener
          ? proxy((progress: Progress) => {
              if (!job.settled) listener(progress);
            })
          : undefined;
        return method(...args, job.requestId, onProgress);
      }),
  );
}

/** `client`'s operation methods with every call's options passed through `rewrite` first. */
export function withRewrittenOptions(
  client: AppOperations,
  rewrite: (options: LongCallOptions | undefined) => LongCallOptions | undefined,
): AppOperations {
  return appMethods((name) => (args, options) => {
    const method = client[name] as unknown as AnyWorkerMethod;
    return method.call(client, ...args, rewrite(options));
  });
}
