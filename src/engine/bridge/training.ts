/**
 * The client's side of a Training lab run: one long job (abortable, replayed on a new worker if
 * the old one dies, from the start, with the same seed) and pause, resume and stop sent to the
 * worker the job runs on. The last command is sent again to a replay, so a paused run stays
 * paused across a restart.
 */
import { proxy } from 'comlink';
import type {
  Progress,
  TrainingCommand,
  TrainingProgress,
  TrainingResult,
  TrainingSpec,
} from '../api';
import type { TrainingCallOptions, TrainingHandle } from '../clientApi';
import type { Invoke, Job } from './job';

export function startTraining(
  spec: TrainingSpec,
  dataBaseUrl: string,
  options: TrainingCallOptions | undefined,
  submit: (invoke: Invoke<TrainingResult>) => Promise<TrainingResult>,
): TrainingHandle {
  const copy = structuredClone(spec);
  const listener = options?.onProgress;
  let current: Job<TrainingResult> | null = null;
  let last: TrainingCommand | null = null;

  const send = (job: Job<TrainingResult>, command: TrainingCommand): void => {
    const session = job.session;
    if (job.settled || !session || session.isEnded) return;
    session.race(session.api.controlTraining(job.requestId, command)).catch(() => undefined);
  };

  const done = submit((api, job) => {
    current = job;
    // progress of a stale, aborted or superseded attempt is not shown
    const onProgress = listener
      ? proxy((p: Progress<TrainingProgress>) => {
          if (!job.settled && p.partial) listener(p.partial);
        })
      : undefined;
    const attempt = api.train(copy, dataBaseUrl, job.requestId, onProgress);
    // the worker keeps a command that overtakes its run's start
    if (last !== null && last !== 'resume') send(job, last);
    return attempt;
  });

  const command = (c: TrainingCommand): void => {
    last = c;
    if (current) send(current, c);
  };
  return {
    done,
    pause: () => command('pause'),
    resume: () => command('resume'),
    stop: () => command('stop'),
  };
}
