/**
 * Callbacks from the main thread arrive as comlink proxies, each holding a MessageChannel.
 * Calling one must never throw into the engine, and it is released when its call ends.
 */
import { releaseProxy } from 'comlink';

export interface CallbackHandle<A> {
  call(arg: A): void;
  release(): void;
}

export function callbackHandle<A>(fn: ((arg: A) => unknown) | undefined): CallbackHandle<A> {
  let released = fn === undefined;
  return {
    call(arg) {
      if (released || fn === undefined) return;
      try {
        // a proxy returns a promise; a dead main-thread listener must not fail the engine call
        void Promise.resolve(fn(arg)).catch(() => undefined);
      } catch {
        // a throwing local listener is its own problem, not the engine's
      }
    },
    release() {
      if (released || fn === undefined) return;
      released = true;
      // a plain function (Node scripts, tests) has no such member; a comlink proxy does
      const release = (fn as unknown as { [releaseProxy]?: unknown })[releaseProxy];
      if (typeof release === 'function') (release as () => void)();
    },
  };
}
