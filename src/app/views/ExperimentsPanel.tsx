import { useMemo, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ExperimentsView, type ExperimentModel } from '../../features/experiments/View';
import { resolveForm } from '../../features/experiments/form';
import type { ModelManifest } from '../../models/manifest';
import { defaultModels } from './experimentDefaults';
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
    overrides: s.experimentOverrides,
    setSettings: s.setExperimentSettings,
    appEps: s.eps,
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
  const offered = useMemo(() => candidates(p.models, p.selected), [p.models, p.selected]);
  const models: ExperimentModel[] = useMemo(
    () => offered.map((m) => ({ id: m.id, title: m.title, numClasses: m.classNames.length })),
    [offered],
  );
  const defaults = useMemo(
    () => defaultModels(offered, p.models, p.selected),
    [offered, p.models, p.selected],
  );
  const form = useMemo(
    () =>
      resolveForm(
        p.overrides,
        defaults,
        p.appEps,
        offered.map((m) => m.id),
      ),
    [p.overrides, defaults, p.appEps, offered],
  );
  if (models.length === 0) return <p>Loading the models…</p>;
  return (
    <ExperimentsView
      // a new dataset offers other models: start the typed fields afresh
      key={p.selected?.dataset ?? 'none'}
      models={models}
      form={form}
      onChange={p.setSettings}
      appEps={p.appEps}
      testImages={p.testImages}
      status={snapshot.status}
      result={snapshot.result}
      onRun={(f) => void session?.run(f, p.appEps)}
      onCancel={() => session?.cancel()}
      unavailable={session ? null : 'the engine is not available here'}
    />
  );
}
