/**
 * One engine worker for every custom element on a page: the elements share one client per base
 * URL, each through a view that prefixes its latest-wins channels, so one element's eps slider
 * never cancels another element's attack.
 */
import { createEngineClient, type EngineBridge } from '../engine/client';
import type { EngineClient } from '../engine/clientApi';
import { withRewrittenOptions } from '../engine/bridge/operationMethods';
import { backendMemory } from '../engine/bridge/backendMemoryStore';
import workerUrl from '../engine/worker/entry.ts?worker&url';
import { sharedFirst } from '../engine/sharedWorker';

const clients = new Map<string, EngineBridge>();

/**
 * The engine worker, also when this script comes from another origin than the page (a course
 * page loading the element from the explorer's site): a worker script must be same-origin, so
 * then a same-origin blob module imports the real one (which the explorer's server must serve
 * with CORS, as it must the models and test images).
 */
function engineWorker(): Worker {
  const url = new URL(workerUrl, import.meta.url);
  const options: WorkerOptions = { type: 'module', name: 'adversarial-explorer-engine' };
  if (url.origin === window.location.origin) return new Worker(url, options);
  const source = `import ${JSON.stringify(url.href)};`;
  const blob = new Blob([source], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(blob), options);
}

export function sharedEngineClient(baseUrl: string): EngineBridge {
  let client = clients.get(baseUrl);
  if (!client) {
    // same origin as the explorer: the page's iframes and elements can share one engine
    const sameOrigin = new URL(workerUrl, import.meta.url).origin === window.location.origin;
    client = createEngineClient({
      baseUrl,
      workerFactory: sameOrigin ? sharedFirst(engineWorker) : engineWorker,
      backendMemory: backendMemory(),
    });
    clients.set(baseUrl, client);
  }
  return client;
}

let nextScope = 1;

/**
 * A view of `client` whose channels are this explorer's own (every operation of the table's,
 * derived); dispose() leaves the shared worker alone. The other methods pass straight through.
 */
export function scopedClient(client: EngineClient): EngineClient {
  const prefix = `explorer${nextScope++}:`;
  const scope = <T extends { channel?: string }>(options?: T): T | undefined =>
    options?.channel === undefined ? options : { ...options, channel: prefix + options.channel };
  const overrides: Partial<EngineClient> = {
    ...withRewrittenOptions(client, scope),
    dispose: () => {},
  };
  return new Proxy(client, {
    get(target, prop) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop))
        return overrides[prop as keyof EngineClient];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
