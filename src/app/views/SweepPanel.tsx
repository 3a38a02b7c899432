import { useShallow } from 'zustand/react/shallow';
import { SweepView } from '../../features/sweep/View';
import {
  selectClassNames,
  selectActiveOwn,
  selectShownTrueLabel,
  selectSweepEpsMax,
  selectUnnormalisedProbabilities,
  useAppStore,
  type AppState,
} from '../../state';

const selectSweep = (s: AppState) => {
  const outcome = s.sweepOutcome;
  const own = selectActiveOwn(s);
  const current =
    outcome &&
    outcome.modelId === s.selectedModelId &&
    outcome.index === s.selectedIndex &&
    (outcome.own ?? null) === own
      ? outcome
      : null;
  return {
    outcome: current,
    classNames: selectClassNames(s),
    trueLabel: selectShownTrueLabel(s),
    mode: s.sweepMode,
    setMode: s.setSweepMode,
    epsMax: selectSweepEpsMax(s),
    points: s.sweepPoints,
    setRange: s.setSweepRange,
    loading: s.sweepLoading,
    error: s.sweepError,
    unnormalised: selectUnnormalisedProbabilities(s),
    eps: s.eps,
    setEps: s.setEps,
  };
};

/** The eps-sweep view fed from the store (the effects compute it while this tab is open). */
export function SweepPanel() {
  const p = useAppStore(useShallow(selectSweep));
  return (
    <SweepView
      result={p.outcome?.result ?? null}
      image={p.outcome?.image ?? null}
      classNames={p.classNames}
      trueLabel={p.trueLabel}
      mode={p.mode}
      onModeChange={p.setMode}
      epsMax={p.epsMax}
      points={p.points}
      onRangeChange={p.setRange}
      loading={p.loading}
      error={p.error}
      unnormalised={p.unnormalised}
      sliderEps={p.eps}
      onSliderEpsChange={p.setEps}
    />
  );
}
