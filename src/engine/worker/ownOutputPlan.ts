/**
 * Decides how an own model's output is read, from what its structure ends in (a softmax or
 * sigmoid, found through pass-through layers or ops), what its numbers look like on a few probe
 * inputs, and the user's choice. Pure: the loaders find the head and run the probes.
 */
import { OwnModelError } from '../../models/ownModelError';
import type { OwnOutputChoice, OwnOutputKind, OwnOutputReport } from '../../models/ownModelOutput';
import type { OutputRead } from '../core/outputReaders';

/** probe inputs the output is checked on */
export const PROBE_COUNT = 3;
/** how far a row sum may be from 1 and still be probabilities (float32 softmax is far closer) */
const SUM_TOLERANCE = 1e-3;

/** what the numbers say: rows of probabilities, values in [0, 1] only, or anything else */
export type ProbeVerdict = 'probabilities' | 'unit-interval' | 'scores';

export function probeVerdict(values: ArrayLike<number>, cols: number): ProbeVerdict {
  const n = values.length;
  if (n === 0 || cols < 1) return 'scores';
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v) || v < -1e-6 || v > 1 + 1e-6) return 'scores';
  }
  if (cols === 1) return 'unit-interval';
  for (let r = 0; r < n / cols; r++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += values[r * cols + c] as number;
    if (Math.abs(sum - 1) > SUM_TOLERANCE) return 'unit-interval';
  }
  return 'probabilities';
}

export interface HeadFound {
  kind: 'softmax' | 'sigmoid' | 'log-softmax';
  /** for the user: "the graph ends in Softmax → Identity" */
  where: string;
}

export interface OutputDecision {
  kind: OwnOutputKind;
  /** run the network up to the head's input (its logits) instead of the model's output */
  belowHead: boolean;
  read: OutputRead;
  report: OwnOutputReport;
}

export interface OutputFacts {
  choice: OwnOutputChoice;
  head: HeadFound | null;
  verdict: ProbeVerdict;
  /** values per image of the model's own output */
  outputs: number;
}

const ON_PROBES = `on ${PROBE_COUNT} probe inputs`;

function decision(
  facts: OutputFacts,
  kind: OwnOutputKind,
  read: OutputRead,
  how: string,
  belowHead = false,
): OutputDecision {
  return { kind, belowHead, read, report: { kind, choice: facts.choice, how } };
}

function needsClasses(facts: OutputFacts, what: string): void {
  if (facts.outputs === 1) {
    throw new OwnModelError(
      `the model has one output, which cannot be ${what} of several classes: choose "One sigmoid" under "Output"`,
    );
  }
}

function sigmoidOutput(facts: OutputFacts): OutputDecision {
  const { head, verdict } = facts;
  if (head?.kind === 'sigmoid') {
    return decision(
      facts,
      'sigmoid',
      'binary-logit',
      `${head.where}: one sigmoid unit, read as two classes [1 − p, p]; the attack uses its logit`,
      true,
    );
  }
  return verdict === 'unit-interval'
    ? decision(
        facts,
        'sigmoid',
        'binary-p',
        `one output in [0, 1] ${ON_PROBES}: read as a sigmoid's probability p, two classes [1 − p, p]`,
      )
    : decision(
        facts,
        'sigmoid',
        'binary-logit',
        `one output outside [0, 1] ${ON_PROBES}: read as a sigmoid's logit, two classes`,
      );
}

function softmaxBelow(facts: OutputFacts, where: string): OutputDecision {
  const confirmed =
    facts.verdict === 'probabilities'
      ? `; its rows sum to 1 ${ON_PROBES}`
      : ` (but its rows do not sum to 1 ${ON_PROBES})`;
  return decision(
    facts,
    'probabilities',
    'logits',
    `${where}${confirmed}: probabilities, shown as they are; the attack uses the logits that feed the softmax`,
    true,
  );
}

function logSoftmax(facts: OutputFacts, where: string): OutputDecision {
  return decision(
    facts,
    'probabilities',
    'logits',
    `${where}: log-probabilities, attacked as logits (their softmax is the model's probabilities)`,
  );
}

function detected(facts: OutputFacts): OutputDecision {
  const { head, verdict, outputs } = facts;
  if (head?.kind === 'softmax') return softmaxBelow(facts, head.where);
  if (head?.kind === 'log-softmax') return logSoftmax(facts, head.where);
  if (head?.kind === 'sigmoid' && outputs > 1) {
    throw new OwnModelError(
      `${head.where} over ${outputs} outputs (multi-label): the explorer attacks classes that exclude each other. ` +
        'Choose "Probabilities" or "Logits" under "Output" to read it anyway.',
    );
  }
  if (outputs === 1) return sigmoidOutput(facts);
  if (verdict === 'probabilities') {
    return decision(
      facts,
      'probabilities',
      'log-p',
      `no softmax found, but the outputs are non-negative and each row sums to 1 ${ON_PROBES}: ` +
        'probabilities, shown as they are; the attack uses log p',
    );
  }
  return decision(
    facts,
    'logits',
    'logits',
    `no softmax or sigmoid at the end and no probabilities ${ON_PROBES}: read as logits`,
  );
}

export function decideOutput(facts: OutputFacts): OutputDecision {
  const { choice, head, verdict, outputs } = facts;
  switch (choice) {
    case 'auto':
      return detected(facts);
    case 'logits': {
      needsClasses(facts, 'the logits');
      const warn =
        verdict === 'probabilities'
          ? ` — but its rows sum to 1 ${ON_PROBES}: they look like probabilities`
          : '';
      return decision(facts, 'logits', 'logits', `read as logits (your choice)${warn}`);
    }
    case 'probabilities': {
      needsClasses(facts, 'the probabilities');
      if (head?.kind === 'softmax') return softmaxBelow(facts, head.where);
      if (head?.kind === 'log-softmax') return logSoftmax(facts, head.where);
      const warn =
        verdict === 'probabilities' ? '' : ` — but its rows do not sum to 1 ${ON_PROBES}`;
      return decision(
        facts,
        'probabilities',
        'log-p',
        `read as probabilities (your choice)${warn}; the attack uses log p`,
      );
    }
    case 'sigmoid':
      if (outputs !== 1) {
        throw new OwnModelError(
          `reading the output as one sigmoid needs one output; the model has ${outputs} outputs`,
        );
      }
      return sigmoidOutput(facts);
  }
}
