import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { WeightsView } from '../../features/weights/View';
import { selectModels, selectSelectedManifest, useAppStore, type AppState } from '../../state';
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
    page: s.weightsPage,
    setPage: s.setWeightsPage,
    unitsPerPage: s.weightsUnitsPerPage,
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
  return (
    <div className="ae-weights-panel">
      {same.length > 0 && (
        <div className="ae-weights-panel__compare">
          <Select
            label="Compare with"
            value={compare?.id ?? NONE}
            options={options}
            onChange={(id) => p.setCompare(id === NONE ? null : id)}
            testId="weights-compare"
          />
        </div>
      )}
      <WeightsView
        left={left}
        right={right}
        page={p.page}
        onPageChange={p.setPage}
        unitsPerPage={p.unitsPerPage}
        loading={p.loading}
        error={p.error}
      />
    </div>
  );
}
