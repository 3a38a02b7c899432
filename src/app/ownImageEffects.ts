/**
 * The engine call behind "Save PNG": the saved image is the attack result rounded to 8 bits, so
 * classify exactly that (quantise8) and say whether it still fools the model.
 */
import type { EngineClient } from '../engine/clientApi';
import { quantise8, stillFools } from '../shared/preprocess';
import type { AppStore } from '../state/store';
import { errorMessage, isCancelled } from './errors';

export function startOwnImageEffects(store: AppStore, client: EngineClient): () => void {
  let disposed = false;
  const unsubscribe = store.subscribe(
    (s) => s.quantisedCheck,
    (check) => {
      if (check?.status !== 'checking') return;
      const { outcome } = check;
      const targeted = store.getState().attackMode === 'targeted';
      const image = quantise8(outcome.result.adversarial);
      client.predict(outcome.modelId, [image], { channel: 'quantised-check' }).then(
        (timed) => {
          const prediction = timed.result[0];
          if (disposed || store.getState().quantisedCheck !== check || !prediction) return;
          store.getState().setQuantisedCheck({
            status: 'done',
            outcome,
            prediction,
            fools: stillFools(prediction.predictedClass, outcome.result.lossLabel, targeted),
          });
        },
        (e: unknown) => {
          if (disposed || isCancelled(e) || store.getState().quantisedCheck !== check) return;
          store
            .getState()
            .setQuantisedCheck({ status: 'error', outcome, message: errorMessage(e) });
        },
      );
    },
  );
  return () => {
    disposed = true;
    unsubscribe();
  };
}
