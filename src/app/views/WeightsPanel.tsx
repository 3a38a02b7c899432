import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { WeightsView } from '../../features/weights/View';
import { selectModels, selectSelectedManifest, useAppStore, type AppState } from '../../state';
import { LIMITS } from '../../shared/limits';
import { Select } from '../../ui/Select';

const NONE = '';

const selectWeights = (s: AppState) => {
  const manifest = selectSelectedManifest(s);
  const compare = selectModels(s).find((m) => m.id === s.weightsCompareId) ?? null;
  // only stored references here: useShallow compares them, and a new object would never match
  return {
    manifest,
    compare,
    leftWeights: manifest ? s.weightsByModel[manifest.id] : undefined,
    rightWeights: compare ? s.weightsByModel[compare.id] : undefined,
    models: selectModels(s),
    setCompare: s.setWeightsCompareId,
    rgbMode: s.weightsRgbMode,
    setRgbMode: s.setWeightsRgbMode,
    page: s.weightsPage,
    setPage: s.setWeightsPage,
    unitsPerPage: s.weightsUnitsPerPage,
    setUnitsPerPage: s.setWeightsUnitsPerPage,
    loading: s.weightsLoading,
    error: s.weightsError,
  };
};

/** First-layer weights of the selected model, optionally beside another with the same input. */
export function WeightsPanel() {
  const p = useAppStore(useShallow(selectWeights));
  const { manifest, compare, leftWeights, rightWeights } = p;
  const left = useMemo(
    () => (manifest && leftWeights ? { title: manifest.title, weights: leftWeights } : null),
    [manifest, leftWeights],
  );
  const right = useMemo(
    () => (compare && rightWeights ? { title: compare.title, weights: rightWeights } : null),
    [compare, rightWeights],
  );
  const same = p.models.filter(
    (m) =>
      p.manifest &&
      m.id !== p.manifest.id &&
      !m.members &&
      m.inputShape.join('x') === p.manifest.inputShape.join('x'),
  );
  const options = [
    { value: NONE, label: 'none' },
    ...same.map((m) => ({ value: m.id, label: m.title })),
  ];
  const perPage = LIMITS.weights.unitsPerPageOptions.includes(p.unitsPerPage)
    ? LIMITS.weights.unitsPerPageOptions
    : [...LIMITS.weights.unitsPerPageOptions, p.unitsPerPage].sort((a, b) => a - b);
  return (
    <div className="ae-weights-panel">
      <div className="ae-weights-panel__compare">
        {same.length > 0 && (
          <Select
            label="Compare with"
            value={compare?.id ?? NONE}
            options={options}
            onChange={(id) => p.setCompare(id === NONE ? null : id)}
            testId="weights-compare"
          />
        )}
        <Select
          label="Units per page"
          value={String(p.unitsPerPage)}
          // a few units side by side make a slide; many are for browsing
          options={perPage.map((n) => ({ value: String(n), label: String(n) }))}
          onChange={(n) => p.setUnitsPerPage(Number(n))}
          testId="weights-units"
        />
      </div>
      <WeightsView
        left={left}
        right={right}
        page={p.page}
        onPageChange={p.setPage}
        unitsPerPage={p.unitsPerPage}
        loading={p.loading}
        error={p.error}
        rgbMode={p.rgbMode}
        onRgbModeChange={p.setRgbMode}
      />
    </div>
  );
}
