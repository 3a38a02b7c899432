import { useMemo, useState, useSyncExternalStore } from 'react';
import { keepTrainedModel } from '../keptModels';
import { useAppStore, useAppStoreApi } from '../../state';
import { downloadTrainedModel, trainedModelEntry } from '../trainedModels';
import { TrainingLabView } from '../../features/training-lab/View';
import type { LabRunView } from '../../features/training-lab/labTypes';
import { WeightsView } from '../../features/weights/View';
import { useEffectsEnv } from '../effectsEnvContext';
import { trainingLabFor, type TrainingLabSnapshot } from '../trainingLabSession';

const IDLE: TrainingLabSnapshot = { runs: [], used: new Set() };
const noSubscribe = () => () => undefined;
/** the lab draws at most this many units per run (LabRun sends no more) */
const LAB_UNITS_PER_PAGE = 16;

function weightsOf(run: LabRunView | undefined) {
  const weights = run?.result?.weights ?? run?.progress?.weights ?? null;
  if (!run || !weights) return null;
  const { spec } = run;
  const shown =
    spec.architecture === 'maxout' && weights.units < spec.units
      ? ` (first ${weights.units} of ${spec.units} units)`
      : '';
  return { title: `${run.title}${shown}`, weights };
}

/** The Training lab, with the runs' live first-layer weights drawn by the weights view. */
export function TrainingPanel() {
  const env = useEffectsEnv();
  const session = useMemo(
    () => (env ? trainingLabFor({ client: env.client, dataBaseUrl: env.dataBaseUrl }) : null),
    [env],
  );
  const snapshot = useSyncExternalStore(
    session?.subscribe ?? noSubscribe,
    session?.get ?? (() => IDLE),
  );
  const store = useAppStoreApi();
  const spec = useAppStore((s) => s.labSpec);
  const setSpec = useAppStore((s) => s.setLabSpec);
  const [page, setPage] = useState(0);
  const keptIds = useAppStore((s) => s.keptModelIds);
  const keptModelIds = useMemo(() => new Set(keptIds), [keptIds]);
  const [keeping, setKeeping] = useState<ReadonlySet<string>>(new Set());
  const [keepErrors, setKeepErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const storage = env?.keptModels;
  const keep = async (run: LabRunView) => {
    if (!run.result || !storage) return;
    setKeeping((k) => new Set([...k, run.key]));
    const outcome = await keepTrainedModel(
      store,
      storage,
      run.modelId,
      run.result.model,
      run.spec.dataset,
    );
    setKeeping((k) => new Set([...k].filter((key) => key !== run.key)));
    setKeepErrors((errors) => {
      const next = new Map(errors);
      if (outcome.ok) next.delete(run.key);
      else next.set(run.key, outcome.message);
      return next;
    });
  };
  const [first, second] = snapshot.runs;
  const left = useMemo(() => weightsOf(first), [first]);
  const right = useMemo(() => weightsOf(second), [second]);
  return (
    <TrainingLabView
      spec={spec}
      onSpecChange={setSpec}
      runs={snapshot.runs}
      onTrain={() => void session?.train(spec)}
      onCompare={() => void session?.compare(spec)}
      onPause={() => session?.pause()}
      onResume={() => session?.resume()}
      onStop={() => session?.stop()}
      onReset={() => session?.reset()}
      usedRuns={snapshot.used}
      onUseModel={(run) => {
        if (!run.result || snapshot.used.has(run.key)) return;
        const { manifest, classNames } = trainedModelEntry(
          run.result.model,
          run.spec.dataset,
          run.modelId,
        );
        store.getState().requestOwnModel(manifest, classNames);
        session?.markUsed(run.key);
      }}
      onDownloadModel={(run) => run.result && downloadTrainedModel(run.result.model)}
      {...(storage ? { onKeepModel: (run: LabRunView) => void keep(run) } : {})}
      keptModelIds={keptModelIds}
      keeping={keeping}
      keepErrors={keepErrors}
      unavailable={session ? null : 'the engine is not available here'}
      weights={
        <WeightsView
          left={left}
          right={right}
          page={page}
          onPageChange={setPage}
          unitsPerPage={LAB_UNITS_PER_PAGE}
        />
      }
    />
  );
}
