import { useMemo, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ExperimentsView, type ExperimentModel } from '../../features/experiments/View';
import type { ModelManifest } from '../../models/manifest';
import type { Dataset } from '../../shared/dataset';
import {
  selectModels,
  selectSelectedManifest,
  testSetIdOf,
  useAppStore,
  useAppStoreApi,
  type AppState,
} from '../../state';
import { useEffectsEnv } from '../effectsEnvContext';
import { experimentsSessionFor, type ExperimentsSession } from '../experimentsSession';

const selectPanel = (s: AppState) => {
  const selected = selectSelectedManifest(s);
  const testSetId = testSetIdOf(selected);
  const testSet = testSetId ? s.testSets[testSetId] : undefined;
  return {
    models: selectModels(s),
    selected,
    testImages: testSet?.status === 'ready' ? testSet.dataset.count : null,
  };
};

const IDLE = { status: { state: 'idle' as const }, result: null };
const noSubscribe = () => () => undefined;

/** Models that can run with the selected one: its dataset, a bundled test set, not graph models. */
function candidates(models: readonly ModelManifest[], selected: ModelManifest | undefined) {
  return models.filter(
    (m) =>
      m.format === 'layers' &&
      testSetIdOf(m) !== null &&
      (selected === undefined || m.dataset === selected.dataset),
  );
}

/** The Experiments view, with its runs kept per explorer (see experimentsSession). */
export function ExperimentsPanel() {
  const env = useEffectsEnv();
  const store = useAppStoreApi();
  const p = useAppStore(useShallow(selectPanel));
  const session: ExperimentsSession | null = useMemo(() => {
    if (!env) return null;
    return experimentsSessionFor(env, () => ({
      env,
      models: () => selectModels(store.getState()),
      loadedIds: () => {
        const id = store.getState().loadedModel?.id;
        return id ? [id] : [];
      },
      dataset: async (manifest: ModelManifest): Promise<Dataset> => {
        const id = testSetIdOf(manifest);
        if (!id) throw new Error(`${manifest.id} has no bundled test set`);
        const known = store.getState().testSets[id];
        if (known?.status === 'ready') return known.dataset;
        const dataset = await env.loadTestSet(id, env.dataBaseUrl);
        store.getState().setTestSet(id, { status: 'ready', dataset });
        return dataset;
      },
    }));
  }, [env, store]);
  const snapshot = useSyncExternalStore(
    session?.subscribe ?? noSubscribe,
    session?.get ?? (() => IDLE),
  );
  const models: ExperimentModel[] = useMemo(
    () =>
      candidates(p.models, p.selected).map((m) => ({
        id: m.id,
        title: m.title,
        numClasses: m.classNames.length,
      })),
    [p.models, p.selected],
  );
  if (models.length === 0) return <p>Loading the models…</p>;
  return (
    <ExperimentsView
      // a new dataset offers other models: start the form afresh
      key={p.selected?.dataset ?? 'none'}
      models={models}
      testImages={p.testImages}
      status={snapshot.status}
      result={snapshot.result}
      onRun={(form) => void session?.run(form)}
      onCancel={() => session?.cancel()}
      unavailable={session ? null : 'the engine is not available here'}
    />
  );
}
