/**
 * The "what to notice" caption above an explorer view: collapsible, written from the numbers the
 * view shows now, with a "?" that opens the guided tour at the section explaining it.
 */
import { useMemo } from 'react';
import { mapFacts, type MapFacts } from '../../shared/mapFacts';
import type { MapHorizontal } from '../../shared/vocabulary';
import { sweepFacts } from '../../shared/sweepFacts';
import {
  selectClassNames,
  selectCompareModel,
  selectCurrentOutcome,
  selectSelectedManifest,
  useAppStore,
  type AppState,
} from '../../state';
import { useShallow } from 'zustand/react/shallow';
import type { Prediction } from '../../engine/api';
import type { ModelManifest } from '../../models/manifest';
import {
  compareCaption,
  type CompareRowFacts,
  crossSectionCaption,
  experimentsCaption,
  imageCaption,
  probeCaption,
  sweepCaption,
  weightsCaption,
} from './captions';
import { NoticeFrame as Frame } from '../../ui/NoticeFrame';
import './notice.css';

function ImageNotice() {
  const outcome = useAppStore(selectCurrentOutcome);
  const mode = useAppStore((s) => s.attackMode);
  const names = useAppStore(selectClassNames);
  if (!outcome) return null;
  const { clean, attacked, linfNorm } = outcome.result;
  const verdict = (p: typeof clean) => ({
    className: names[p.predictedClass] ?? `class ${p.predictedClass}`,
    confidence: p.confidence,
  });
  const probe = outcome.probe;
  if (probe) {
    // the attack ran from a clicked cross-section point: ε is not the point's distance, and
    // its "clean" answer is the point's, not the test image's
    const text = probeCaption({
      from: probe.baseIndex >= 0 ? `test image ${probe.baseIndex}` : 'your image',
      linf: probe.linf,
      point: verdict(clean),
      trueClass:
        probe.trueLabel >= 0 ? (names[probe.trueLabel] ?? `class ${probe.trueLabel}`) : null,
      mode,
      eps: outcome.eps,
      attacked: verdict(attacked),
    });
    return <Frame view="image">{text}</Frame>;
  }
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
  const [fgsm, random] = useMemo(() => {
    const of = (plane: MapHorizontal) =>
      maps.flatMap((m): MapFacts[] =>
        m.result && m.trueLabel >= 0 && m.horizontal === plane
          ? [mapFacts(m.result.predictedClass, m.result.resolution, m.result.epsMax, m.trueLabel)]
          : [],
      );
    return [of('fgsm'), of('random')];
  }, [maps]);
  if (fgsm.length + random.length === 0) return null;
  return <Frame view="cross-section">{crossSectionCaption(fgsm, random)}</Frame>;
}

function WeightsNotice() {
  const weights = useAppStore((s) =>
    s.selectedModelId ? s.weightsByModel[s.selectedModelId] : undefined,
  );
  const compare = useAppStore((s) => s.weightsCompareId !== null);
  const rgbMode = useAppStore((s) => s.weightsRgbMode);
  if (!weights) return null;
  // RGB filters drawn as colour read differently from the diverging map of grey filters
  const colour = weights.imageShape[2] === 3 && rgbMode !== 'channels' ? rgbMode : null;
  return (
    <Frame view="weights">{weightsCaption(weights.units, weights.pieces, compare, colour)}</Frame>
  );
}

const selectCompare = (s: AppState) => ({
  cells: s.compareCells,
  eps: s.eps,
  a: selectSelectedManifest(s) ?? null,
  b: selectCompareModel(s),
});

/** A compare row's facts, once its FGSM cell of this ε has an answer. */
function compareRow(
  model: ModelManifest | null,
  cells: AppState['compareCells'],
  role: 'a' | 'b',
  eps: number,
): CompareRowFacts | null {
  if (!model) return null;
  const cell = (mode: 'fgsm' | 'random-sign' | 'uniform') => {
    const c = cells[`${role}:${mode}`];
    return c && c.modelId === model.id && c.eps === eps && c.result ? c.result : null;
  };
  const fgsm = cell('fgsm');
  if (!fgsm) return null;
  const verdict = (p: Prediction) => ({
    className: model.classNames[p.predictedClass] ?? `class ${p.predictedClass}`,
    confidence: p.confidence,
  });
  const attacked = (mode: 'random-sign' | 'uniform') => {
    const r = cell(mode);
    return r ? verdict(r.attacked) : null;
  };
  return {
    title: model.title,
    clean: verdict(fgsm.clean),
    fgsm: verdict(fgsm.attacked),
    sign: attacked('random-sign'),
    uniform: attacked('uniform'),
  };
}

function CompareNotice() {
  const p = useAppStore(useShallow(selectCompare));
  const a = compareRow(p.a, p.cells, 'a', p.eps);
  if (!a) return null;
  return (
    <Frame view="compare">{compareCaption(p.eps, a, compareRow(p.b, p.cells, 'b', p.eps))}</Frame>
  );
}

/** The caption of `view`, or nothing while the view has no numbers yet. */
export function WhatToNotice({ view }: { view: string }) {
  switch (view) {
    case 'image':
      return <ImageNotice />;
    case 'compare':
      return <CompareNotice />;
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
