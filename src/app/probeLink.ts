/**
 * A link's cross-section point (`image=…&cell=h,v`): the point is x + h·FGSM direction (random
 * signs on the random plane: cellDir, or mapDir=random) + v·random direction, so once the
 * model and the test image are ready the engine recomputes the two directions (a 2×2 map: the directions do not depend on the resolution) and the point
 * becomes the image panel's probe, as if the cell had been clicked.
 */
import { shallow } from 'zustand/shallow';
import type { CrossSectionParams } from '../engine/api';
import type { EngineClient } from '../engine/clientApi';
import { imageAt } from '../shared/dataset';
import {
  selectCsEpsMax,
  selectDataset,
  selectModelReady,
  selectTrueLabel,
} from '../state/selectors';
import type { AppStore } from '../state/store';
import type { AppState } from '../state/types';
import { errorMessage, isCancelled } from './errors';
import { probeAt } from './probeCell';

const inputs = (s: AppState) => [
  s.csPendingCell,
  selectModelReady(s),
  s.selectedModelId,
  selectDataset(s),
  s.selectedIndex,
];

export function startProbeLink(store: AppStore, client: EngineClient): () => void {
  let disposed = false;
  const state = () => store.getState();

  function run(): void {
    const s = state();
    const pending = s.csPendingCell;
    const dataset = selectDataset(s);
    const modelId = s.selectedModelId;
    if (!pending || !selectModelReady(s) || !dataset || !modelId) return;
    const index = s.selectedIndex;
    if (index >= dataset.count) return;
    const base = imageAt(dataset, index);
    const trueLabel = selectTrueLabel(s) ?? -1;
    const params: CrossSectionParams = {
      epsMax: selectCsEpsMax(s),
      resolution: 2,
      seed: s.csSeed,
      horizontal: pending.horizontal,
      clip: [s.clip[0], s.clip[1]],
      labelSource: trueLabel >= 0 ? s.labelSource : 'predicted',
    };
    if (trueLabel >= 0) params.trueLabel = trueLabel;
    client.crossSection(modelId, base, params, { channel: 'probe-link' }).then(
      ({ result }) => {
        const now = state();
        if (disposed || now.csPendingCell !== pending || now.selectedModelId !== modelId) return;
        const source = {
          modelId,
          baseIndex: index,
          trueLabel,
          base,
          directions: result,
          clip: s.clip,
          horizontal: pending.horizontal,
        };
        store.setState({ csPendingCell: null });
        now.setProbeImage(probeAt(source, ...pending.offsets));
      },
      (e: unknown) => {
        if (disposed || isCancelled(e)) return;
        store.setState({ csPendingCell: null });
        state().pushError(
          'link',
          `The link's cross-section point could not be made: ${errorMessage(e)}`,
        );
      },
    );
  }

  const unsubscribe = store.subscribe(inputs, run, { equalityFn: shallow });
  run();
  return () => {
    disposed = true;
    unsubscribe();
  };
}
