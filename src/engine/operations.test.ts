/**
 * The operation table is the one declaration of every engine operation: the client's methods,
 * its timing list and the worker's surface follow from it, and a malformed entry does not compile
 * (the @ts-expect-error lines are checked by `npm run typecheck`).
 */
import { describe, expect, it } from 'vitest';
import { createEngineClient } from './client';
import { ENGINE_OPERATIONS, type OperationName, type TimedOperation } from './operations';
import { operation, type SomeOperation } from './operationSpec';
import { InProcessWorker } from './worker/inProcessWorker';

const entries = Object.entries(ENGINE_OPERATIONS) as [OperationName, SomeOperation][];
const namesWhere = (test: (op: SomeOperation) => boolean): string[] =>
  entries.filter(([, op]) => test(op)).map(([name]) => name);

describe('the operation table', () => {
  it('gives the app a method for each app operation, and none for the others', () => {
    const client = createEngineClient({
      liveness: false,
      workerFactory: () => new InProcessWorker(() => undefined).asWorker(),
    });
    const app = namesWhere((op) => (op.flags.audience ?? 'app') === 'app');
    expect(app).toEqual([
      'predict',
      'attack',
      'sweep',
      'crossSection',
      'mapCost',
      'firstLayerWeights',
      'runExperiment',
      'memory',
    ]);
    for (const name of app) expect(typeof client[name as keyof typeof client]).toBe('function');
    for (const name of ['crossSectionCells', 'experimentShare', 'cancel', 'controlTraining']) {
      expect(name in client).toBe(false);
    }
    // the bridge's own method: a handle to steer the run, not a plain promise
    expect(typeof client.train).toBe('function');
    client.dispose();
  });

  it('reports the times of exactly the operations marked reported', () => {
    const reported: TimedOperation[] = ['predict', 'attack', 'sweep', 'crossSection'];
    expect(namesWhere((op) => op.flags.timing === 'reported')).toEqual(reported);
  });

  it('makes the long operations exactly those with a partial result', () => {
    expect(namesWhere((op) => op.flags.long === true)).toEqual([
      'crossSection',
      'runExperiment',
      'train',
    ]);
  });

  it('refuses malformed entries at compile time', () => {
    // @ts-expect-error a partial-result type makes the operation long
    operation<[id: string], number, string>()({ arity: 1 });
    // @ts-expect-error long without a partial-result type
    operation<[id: string], number>()({ arity: 1, long: true });
    // @ts-expect-error the arity is the length of the argument list
    operation<[id: string], number>()({ arity: 2 });
    // @ts-expect-error a misspelt flag
    operation<[id: string], number>()({ arity: 1, timed: true });
    const ok = operation<[id?: string], number>()({ arity: 1, timing: 'measured' });
    expect(ok).toEqual({ arity: 1, flags: { timing: 'measured' } });
  });
});
