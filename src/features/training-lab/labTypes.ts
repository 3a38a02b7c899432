/** What the Training lab view shows of each run; the app fills it from the engine's progress. */
import type { TrainingProgress, TrainingResult, TrainingSpec } from '../../engine/api';

export type LabRunState =
  | 'waiting'
  | 'loading'
  | 'training'
  | 'paused'
  | 'finishing'
  | 'done'
  | 'stopped'
  | 'cancelled'
  | 'error';

/** naive and adversarial are the two halves of a side-by-side comparison */
export type LabRunRole = 'single' | 'naive' | 'adversarial';

export interface LabRunView {
  /** stable within a session, for React keys and test ids */
  key: string;
  role: LabRunRole;
  title: string;
  /** the id its model takes in the model picker, and when kept in this browser */
  modelId: string;
  spec: TrainingSpec;
  state: LabRunState;
  progress: TrainingProgress | null;
  result: TrainingResult | null;
  error: string | null;
  /** the engine restarted under the run, which began again from its first step (same seed) */
  restarted?: boolean;
}

/** A run that still computes (or waits its turn). */
export function isActive(run: LabRunView): boolean {
  return (
    run.state === 'waiting' ||
    run.state === 'loading' ||
    run.state === 'training' ||
    run.state === 'paused' ||
    run.state === 'finishing'
  );
}
