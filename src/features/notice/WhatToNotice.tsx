/**
 * The "what to notice" caption above an explorer view: collapsible, written from the numbers the
 * view shows now, with a "?" that opens the guided tour at the section explaining it.
 */
import { useMemo, type ReactNode } from 'react';
import { mapFacts, type MapFacts } from '../../shared/mapFacts';
import { sweepFacts } from '../../shared/sweepFacts';
import { TOUR_SECTION_OF_VIEW, tourHref } from '../../shared/tourSections';
import { selectClassNames, useAppStore, type AppState } from '../../state';
import {
  crossSectionCaption,
  experimentsCaption,
  imageCaption,
  sweepCaption,
  weightsCaption,
} from './captions';
import './notice.css';

function Frame({ view, children }: { view: string; children: ReactNode }) {
  const section = TOUR_SECTION_OF_VIEW[view];
  return (
    <details className="ae-notice" open data-testid={`notice-${view}`}>
      <summary>What to notice</summary>
      <p>
        {children}{' '}
        {section && (
          <a
            className="ae-notice__tour"
            href={tourHref(section)}
            aria-label="Explained in the guided tour"
            title="Explained in the guided tour"
            data-testid="notice-tour-link"
          >
            ?
          </a>
        )}
      </p>
    </details>
  );
}

const selectImageOutcome = (s: AppState) => {
  const a = s.attackOutcome;
  return a && a.modelId === s.selectedModelId && a.index === s.selectedIndex ? a : null;
};

function ImageNotice() {
  const outcome = useAppStore(selectImageOutcome);
  const mode = useAppStore((s) => s.attackMode);
  const names = useAppStore(selectClassNames);
  if (!outcome) return null;
  const { clean, attacked, linfNorm } = outcome.result;
  const verdict = (p: typeof clean) => ({
    className: names[p.predictedClass] ?? `class ${p.predictedClass}`,
    confidence: p.confidence,
  });
  return (
    <Frame view="image">
      {imageCaption({ mode, linf: linfNorm, clean: verdict(clean), attacked: verdict(attacked) })}
    </Frame>
  );
}

const selectSweep = (s: AppState) => {
  const o = s.sweepOutcome;
  return o && o.modelId === s.selectedModelId && o.index === s.selectedIndex ? o : null;
};

function SweepNotice() {
  const outcome = useAppStore(selectSweep);
  const names = useAppStore(selectClassNames);
  const facts = useMemo(() => (outcome ? sweepFacts(outcome.result) : null), [outcome]);
  if (!facts) return null;
  return <Frame view="sweep">{sweepCaption(facts, names)}</Frame>;
}

function CrossSectionNotice() {
  const maps = useAppStore((s) => s.csMaps);
  const facts = useMemo(
    () =>
      maps.flatMap((m): MapFacts[] =>
        m.result && m.trueLabel >= 0
          ? [mapFacts(m.result.predictedClass, m.result.resolution, m.result.epsMax, m.trueLabel)]
          : [],
      ),
    [maps],
  );
  if (facts.length === 0) return null;
  return <Frame view="cross-section">{crossSectionCaption(facts)}</Frame>;
}

function WeightsNotice() {
  const weights = useAppStore((s) =>
    s.selectedModelId ? s.weightsByModel[s.selectedModelId] : undefined,
  );
  const compare = useAppStore((s) => s.weightsCompareId !== null);
  if (!weights) return null;
  return <Frame view="weights">{weightsCaption(weights.units, weights.pieces, compare)}</Frame>;
}

/** The caption of `view`, or nothing while the view has no numbers yet. */
export function WhatToNotice({ view }: { view: string }) {
  switch (view) {
    case 'image':
      return <ImageNotice />;
    case 'sweep':
      return <SweepNotice />;
    case 'cross-section':
      return <CrossSectionNotice />;
    case 'weights':
      return <WeightsNotice />;
    case 'experiments':
      return <Frame view="experiments">{experimentsCaption()}</Frame>;
    default:
      return null;
  }
}
