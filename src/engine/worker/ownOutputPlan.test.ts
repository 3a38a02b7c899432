import { describe, expect, it } from 'vitest';
import { decideOutput, probeVerdict, type OutputFacts } from './ownOutputPlan';

const SOFTMAX = { kind: 'softmax', where: 'the graph ends in Softmax → Identity' } as const;

describe('probeVerdict', () => {
  it('non-negative rows summing to 1 are probabilities; [0, 1] values alone are not', () => {
    expect(probeVerdict([0.2, 0.8, 1, 0], 2)).toBe('probabilities');
    expect(probeVerdict([0.2, 0.7, 1, 0], 2)).toBe('unit-interval');
    expect(probeVerdict([0.9, 0.1, -0.5, 1.5], 2)).toBe('scores');
    expect(probeVerdict([0.3, 0.6], 1)).toBe('unit-interval');
    expect(probeVerdict([NaN, 1], 2)).toBe('scores');
    expect(probeVerdict([], 3)).toBe('scores');
  });
});

describe('decideOutput', () => {
  const facts = (f: Partial<OutputFacts>): OutputFacts => ({
    choice: 'auto',
    head: null,
    verdict: 'scores',
    outputs: 7,
    ...f,
  });

  it('a softmax head: probabilities, the logits below it attacked', () => {
    const d = decideOutput(facts({ head: SOFTMAX, verdict: 'probabilities' }));
    expect(d).toMatchObject({ kind: 'probabilities', belowHead: true, read: 'logits' });
    expect(d.report.how).toMatch(/Softmax → Identity; its rows sum to 1 on 3 probe inputs/);
  });

  it('no head: the numbers decide (probabilities read as log p, else logits)', () => {
    expect(decideOutput(facts({ verdict: 'probabilities' }))).toMatchObject({
      kind: 'probabilities',
      read: 'log-p',
      belowHead: false,
    });
    expect(decideOutput(facts({ verdict: 'scores' })).kind).toBe('logits');
  });

  it('one output is one sigmoid: p in [0, 1] or its logit', () => {
    expect(decideOutput(facts({ outputs: 1, verdict: 'unit-interval' })).read).toBe('binary-p');
    expect(decideOutput(facts({ outputs: 1, verdict: 'scores' })).read).toBe('binary-logit');
    const head = { kind: 'sigmoid', where: 'the model ends in sigmoid' } as const;
    expect(decideOutput(facts({ outputs: 1, head }))).toMatchObject({
      kind: 'sigmoid',
      belowHead: true,
    });
    expect(() => decideOutput(facts({ outputs: 5, head }))).toThrow(/multi-label/);
  });

  it('the user’s choice wins, with a warning when the numbers disagree', () => {
    const logits = decideOutput(
      facts({ choice: 'logits', head: SOFTMAX, verdict: 'probabilities' }),
    );
    expect(logits).toMatchObject({ kind: 'logits', belowHead: false, read: 'logits' });
    expect(logits.report.how).toMatch(/your choice.*look like probabilities/);
    const probs = decideOutput(facts({ choice: 'probabilities', verdict: 'scores' }));
    expect(probs).toMatchObject({ kind: 'probabilities', read: 'log-p' });
    expect(probs.report.how).toMatch(/do not sum to 1/);
    expect(() => decideOutput(facts({ choice: 'sigmoid' }))).toThrow(/7 outputs/);
    expect(() => decideOutput(facts({ choice: 'logits', outputs: 1 }))).toThrow(/One sigmoid/);
  });
});
