import { useMemo, useState, useSyncExternalStore } from 'react';
import { TrainingLabView } from '../../features/training-lab/View';
import type { LabRunView } from '../../features/training-lab/labTypes';
import { WeightsView } from '../../features/weights/View';
import { useEffectsEnv } from '../effectsEnvContext';
import { trainingLabFor, type TrainingLabSnapshot } from '../trainingLabSession';
import { DEFAULT_TRAINING_SPEC } from '../../engine/api';

const IDLE: TrainingLabSnapshot = { spec: DEFAULT_TRAINING_SPEC, runs: [] };
const noSubscribe = () => () => undefined;
/** the lab draws at most this many units per run (LabRun sends no more) */
const LAB_UNITS_PER_PAGE = 16;

function weightsOf(run: LabRunView | undefined) {
  const weights = run?.result?.weights ?? run?.progress?.weights ?? null;
  return run && weights ? { title: run.title, weights } : null;
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
  const [page, setPage] = useState(0);
  const [first, second] = snapshot.runs;
  const left = useMemo(() => weightsOf(first), [first]);
  const right = useMemo(() => weightsOf(second), [second]);
  return (
    <TrainingLabView
      spec={snapshot.spec}
      onSpecChange={(spec) => session?.setSpec(spec)}
      runs={snapshot.runs}
      onTrain={() => void session?.train()}
      onCompare={() => void session?.compare()}
      onPause={() => session?.pause()}
      onResume={() => session?.resume()}
      onStop={() => session?.stop()}
      onReset={() => session?.reset()}
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
