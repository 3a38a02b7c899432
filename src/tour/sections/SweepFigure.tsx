/**
 * Section 3: the explorer's own sweep view (Fig. 4), embedded, with what it shows as numbers:
 * where the class first changes along the attack direction, and how straight each logit is.
 */
import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { selectClassNames, type AppState } from '../../state';
import { sweepFacts } from '../../shared/sweepFacts';
import { EmbeddedView, explorerStateOf, useEmbeddedStore } from '../components/EmbeddedView';
import { Figure } from '../components/Figure';
import { num, pct } from './format';

/** the share of the chart's height within which the tour calls a curve almost straight */
const STRAIGHT = 0.05;

const selectOutcome = (s: AppState) =>
  s.sweepOutcome &&
  s.sweepOutcome.modelId === s.selectedModelId &&
  s.sweepOutcome.index === s.selectedIndex
    ? s.sweepOutcome
    : null;

export function SweepFigure() {
  const ref = useRef<HTMLElement>(null);
  const store = useEmbeddedStore({ model: 'mnist-maxout', image: 0, view: 'sweep', label: 'true' });
  const outcome = useStore(store, selectOutcome);
  const names = useStore(store, selectClassNames);
  const link = useStore(store, useShallow(explorerStateOf));
  const facts = useMemo(() => (outcome ? sweepFacts(outcome.result) : null), [outcome]);
  const name = (c: number | null) => (c === null ? '—' : (names[c] ?? String(c)));
  const range = outcome ? (outcome.result.eps[outcome.result.eps.length - 1] ?? 0) : 0;

  return (
    <Figure
      id="sweep"
      label="The logits of every class along the fixed FGSM direction, as epsilon runs from minus to plus"
      figureRef={ref}
      status={outcome ? 'done' : 'running'}
      notice={
        facts ? (
          <>
            {facts.deviation.filter((d) => d <= STRAIGHT).length} of the {facts.deviation.length}{' '}
            curves stay within {pct(STRAIGHT, 0)} of the chart&apos;s height of a straight line (the
            least straight one within {pct(facts.worstDeviation, 0)}): along this direction the
            network behaves much like a linear model.{' '}
            {facts.flipEps === null
              ? `Within ±${num(range)} the class stays ${name(facts.cleanClass)}.`
              : `The ${name(facts.cleanClass)} gives way to a ${name(facts.flipClass)} once ε reaches ${num(facts.flipEps, 3)}, where its line crosses another.`}
          </>
        ) : (
          <>how straight the curves are.</>
        )
      }
      numbersCaption="Read from the sweep the engine computed for this view"
      numbers={
        facts
          ? [
              {
                label: 'class at ε = 0',
                value: name(facts.cleanClass),
                raw: facts.cleanClass,
                testId: 'sw-clean',
              },
              {
                label: 'first ε > 0 with another class',
                value: facts.flipEps === null ? 'none' : num(facts.flipEps, 3),
                raw: facts.flipEps,
                testId: 'sw-flip-eps',
              },
              {
                label: 'class there',
                value: name(facts.flipClass),
                raw: facts.flipClass,
                testId: 'sw-flip-class',
              },
              {
                label: 'curves within 5% of the chart height of a straight line',
                value: `${facts.deviation.filter((d) => d <= STRAIGHT).length} of ${facts.deviation.length}`,
                raw: facts.deviation.filter((d) => d <= STRAIGHT).length,
                testId: 'sw-straight',
              },
              {
                label:
                  'least straight curve: its largest distance from its line, share of the chart height',
                value: pct(facts.worstDeviation),
                raw: facts.worstDeviation,
                testId: 'sw-worst',
              },
              {
                label: 'points on the sweep',
                value: String(outcome?.result.eps.length ?? 0),
                raw: outcome?.result.eps.length ?? 0,
                testId: 'sw-points',
              },
            ]
          : []
      }
      links={[link]}
    >
      <EmbeddedView store={store} controls={['image']} testId="sweep-embed" />
    </Figure>
  );
}
