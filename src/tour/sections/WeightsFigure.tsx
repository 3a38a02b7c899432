/**
 * Section 5: the explorer's weights view, embedded, showing the naive maxout network's first
 * layer beside the adversarially trained one's, and how concentrated each model's filters are
 * (src/tour/logic/localisation.ts) from the weights that view got from the engine.
 */
import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { AppState } from '../../state';
import { EmbeddedView, explorerStateOf, useEmbeddedStore } from '../components/EmbeddedView';
import { Figure } from '../components/Figure';
import { compareLocalisation, localisation, type Localisation } from '../logic/localisation';

const NAIVE = 'mnist-maxout';
const ADVERSARIAL = 'mnist-maxout-adv';
const UNITS_SHOWN = 6;

const selectWeights = (s: AppState) => ({
  naive: s.weightsByModel[NAIVE],
  adversarial: s.weightsByModel[ADVERSARIAL],
});

function comparison(naive: Localisation, adversarial: Localisation): string {
  const a = adversarial.medianHalfEnergy;
  const n = naive.medianHalfEnergy;
  switch (compareLocalisation(naive, adversarial)) {
    case 'similar':
      return `about as many pixels as the naive network's (${a} against ${n}): by this measure neither is clearly more localised, unlike the paper's networks`;
    case 'more':
      return `fewer pixels (${a} against ${n} for the naive network): its filters are more localised, as the paper found`;
    case 'less':
      return `more pixels (${a} against ${n} for the naive network): by this measure its filters are less localised, unlike the paper's`;
  }
}

export function WeightsFigure() {
  const ref = useRef<HTMLElement>(null);
  const store = useEmbeddedStore({ model: ADVERSARIAL, view: 'weights' }, (s) => {
    s.getState().setWeightsCompareId(NAIVE);
    // a few units are enough to compare, and keep the figure one screen tall
    s.setState({ weightsUnitsPerPage: UNITS_SHOWN });
  });
  const w = useStore(store, useShallow(selectWeights));
  const link = useStore(store, useShallow(explorerStateOf));
  const naive = useMemo(() => (w.naive ? localisation(w.naive) : null), [w.naive]);
  const adv = useMemo(() => (w.adversarial ? localisation(w.adversarial) : null), [w.adversarial]);

  return (
    <Figure
      id="weights"
      label="First-layer maxout filters of the adversarially trained network beside the naive one's"
      figureRef={ref}
      status={naive && adv ? 'done' : 'running'}
      notice={
        naive && adv ? (
          <>
            a filter of the adversarially trained network holds half of its weight in a median of{' '}
            {comparison(naive, adv)}. Red is a positive weight and blue a negative one, on one scale
            for both models.
          </>
        ) : (
          <>how much of each filter is spread over the background.</>
        )
      }
      numbersCaption={`First-layer filters (units × pieces) of ${ADVERSARIAL} and ${NAIVE}, as the engine read them`}
      numbers={
        naive && adv
          ? [
              {
                label: `${ADVERSARIAL}: filters`,
                value: String(adv.filters),
                raw: adv.filters,
                testId: 'wt-adv-filters',
              },
              {
                label: `${ADVERSARIAL}: median pixels holding half a filter's squared weight`,
                value: `${adv.medianHalfEnergy} of ${adv.pixels}`,
                raw: adv.medianHalfEnergy,
                testId: 'wt-adv-half',
              },
              {
                label: `${NAIVE}: filters`,
                value: String(naive.filters),
                raw: naive.filters,
                testId: 'wt-naive-filters',
              },
              {
                label: `${NAIVE}: median pixels holding half a filter's squared weight`,
                value: `${naive.medianHalfEnergy} of ${naive.pixels}`,
                raw: naive.medianHalfEnergy,
                testId: 'wt-naive-half',
              },
            ]
          : []
      }
      links={[link, { model: NAIVE, view: 'weights' }]}
    >
      <EmbeddedView store={store} testId="weights-embed" />
    </Figure>
  );
}
