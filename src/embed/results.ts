/**
 * What an embed reports to its host: the state it shows and the engine's numbers for it, as
 * plain arrays and numbers (JSON-friendly, structured-clone-friendly).
 */
import type { Prediction } from '../engine/api';
import {
  selectClassNames,
  selectCurrentOutcome,
  shareableFromState,
  type AppState,
  type AttackOutcome,
  type ShareableState,
} from '../state';

export interface PredictionSummary {
  predictedClass: number;
  className: string;
  confidence: number;
  probabilities: number[];
}

export interface EmbedResults {
  state: ShareableState;
  /** the clean and the attacked image's predictions; null until the first attack result */
  predictions: { clean: PredictionSummary; adversarial: PredictionSummary; eps: number } | null;
  /** the eps-sweep, when one was computed for the current model and image */
  sweep?: {
    eps: number[];
    predictedClass: number[];
    numClasses: number;
    /** points x numClasses, row-major */
    logits: number[];
    lossLabel: number;
  };
}

function summary(p: Prediction, classNames: readonly string[]): PredictionSummary {
  return {
    predictedClass: p.predictedClass,
    className: classNames[p.predictedClass] ?? `class ${p.predictedClass}`,
    confidence: p.confidence,
    probabilities: Array.from(p.probabilities),
  };
}

export function predictionsOf(
  current: AttackOutcome | null,
  names: readonly string[],
): EmbedResults['predictions'] {
  return current
    ? {
        clean: summary(current.result.clean, names),
        adversarial: summary(current.result.attacked, names),
        eps: current.eps,
      }
    : null;
}

/** The results for what is on screen now. */
export function resultsOf(s: AppState): EmbedResults {
  const out: EmbedResults = {
    state: shareableFromState(s),
    predictions: predictionsOf(selectCurrentOutcome(s), selectClassNames(s)),
  };
  const sw = s.sweepOutcome;
  if (sw && sw.modelId === s.selectedModelId && sw.index === s.selectedIndex) {
    out.sweep = {
      eps: Array.from(sw.result.eps),
      predictedClass: Array.from(sw.result.predictedClass),
      numClasses: sw.result.numClasses,
      logits: Array.from(sw.result.logits),
      lossLabel: sw.result.lossLabel,
    };
  }
  return out;
}
