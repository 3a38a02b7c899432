import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { imageAt } from '../../../shared/dataset';
import {
  COMPARE_MODES,
  formatEps255,
  selectActiveOwn,
  selectClassNames,
  selectCompareModel,
  selectCompareOptions,
  selectDataset,
  selectProbe,
  selectSelectedManifest,
  type AppState,
  type CompareMode,
  type CompareRole,
  useAppStore,
} from '../../../state';
import { ExportButtons } from '../../../ui/export/ExportButtons';
import { SegmentedControl } from '../../../ui/SegmentedControl';
import { Select } from '../../../ui/Select';
import { PixelCanvas } from '../../../ui/PixelCanvas';
import { ATTACK_MODE_LABELS, LABEL_SOURCE_OPTIONS } from '../attackModes';
import { EpsControl } from '../EpsSlider';
import { PerturbationLegend } from '../perturbationLegend';
import { formatPercent } from '../probabilityBars';
import { NoTestImages } from '../NoTestImages';
import { CompareCellFigure } from './CompareCellFigure';
import { compareCsv, type CompareRowInput } from './compareTable';
import './compare.css';

const selectCompare = (s: AppState) => ({
  a: selectSelectedManifest(s),
  b: selectCompareModel(s),
  options: selectCompareOptions(s),
  setB: s.setCompareModelId,
  cells: s.compareCells,
  eps: s.eps,
  labelSource: s.labelSource,
  setLabelSource: s.setLabelSource,
  classNames: selectClassNames(s),
  dataset: selectDataset(s),
  index: s.selectedIndex,
  probe: selectProbe(s),
  own: selectActiveOwn(s),
  seed: s.seed,
});

const COLUMN_TITLES: Record<CompareMode, string> = {
  fgsm: 'FGSM',
  'random-sign': 'Random ±ε signs',
  uniform: 'Uniform U(−ε, ε)',
};

/**
 * The compare mode: one image and one eps, FGSM beside its two noise controls of the same
 * max-norm, for the selected model (A) and the model beside it (B): the paper's point (the
 * gradient's sign fools, noise of the same size does not) and its defence in one figure.
 */
export function CompareView() {
  const p = useAppStore(useShallow(selectCompare));
  const figureRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const legend = useRef<PerturbationLegend | null>(null);

  const testImage = useMemo(
    () => (p.dataset && p.index < p.dataset.count ? imageAt(p.dataset, p.index) : null),
    [p.dataset, p.index],
  );
  const original = p.probe?.image ?? p.own?.image ?? testImage;

  const shown = original !== null;
  useEffect(() => {
    if (!legendRef.current) return;
    legend.current = new PerturbationLegend(legendRef.current);
    return () => {
      legend.current?.destroy();
      legend.current = null;
    };
  }, [shown]);
  const channels = original?.channels;
  useEffect(() => {
    legend.current?.update(p.eps, channels === 3 ? 'per-channel-grey' : 'diverging');
  }, [p.eps, channels, shown]);

  const rows: (CompareRowInput & { role: CompareRole })[] = [];
  const cellsOf = (role: CompareRole) =>
    Object.fromEntries(COMPARE_MODES.map((m) => [m, p.cells[`${role}:${m}`]]));
  if (p.a) rows.push({ role: 'a', modelId: p.a.id, modelTitle: p.a.title, cells: cellsOf('a') });
  if (p.b) rows.push({ role: 'b', modelId: p.b.id, modelTitle: p.b.title, cells: cellsOf('b') });
  const pending = rows.flatMap((r) =>
    COMPARE_MODES.filter((m) => !r.cells[m]?.result || r.cells[m]?.pending),
  ).length;
  const total = rows.length * COMPARE_MODES.length;
  const what = p.probe ? 'a cross-section point' : p.own ? 'your image' : `test image ${p.index}`;

  return (
    <section className="ae-compare" aria-labelledby="ae-compare-title" data-testid="compare-view">
      <h2 id="ae-compare-title" className="ae-compare__title">
        Compare: the gradient&apos;s sign against noise of the same size, on two models
      </h2>
      <div className="ae-compare__controls">
        <EpsControl testIdPrefix="compare-eps" />
        <div className="ae-compare__row">
          <SegmentedControl
            legend="FGSM loss label"
            value={p.labelSource}
            options={LABEL_SOURCE_OPTIONS}
            onChange={p.setLabelSource}
            testId="compare-label-source"
          />
          <Select
            label="Model B"
            value={p.b?.id ?? ''}
            options={
              p.options.length > 0
                ? p.options.map((m) => ({ value: m.id, label: m.title }))
                : [{ value: '', label: 'no other model takes these images' }]
            }
            onChange={(id) => p.setB(id || null)}
            disabled={p.options.length === 0}
            testId="compare-model-b"
          />
        </div>
        <ExportButtons
          figureRef={figureRef}
          fileName={`compare-${p.a?.id ?? 'model'}-eps-${p.eps}`}
          csv={() => compareCsv(rows, p.classNames, COMPARE_MODES)}
          testIdPrefix="compare"
          figureName="comparison figure"
          disabled={!original}
          partial={pending > 0 ? `${total - pending} of ${total} results` : null}
        />
      </div>
      {!original ? (
        <NoTestImages
          className="ae-placeholder"
          testId="compare-waiting"
          fallback="Waiting for the model and its test images…"
        />
      ) : (
        <div
          ref={figureRef}
          className="ae-compare__figure"
          aria-label={`Comparison at eps ${p.eps} on ${what}`}
          aria-busy={pending > 0}
          data-testid="compare-figure"
        >
          <p className="ae-compare__caption" data-export-text>
            {what}, ε = {p.eps} ({formatEps255(p.eps)}): image + η and prediction; η below
          </p>
          <div
            className="ae-compare__grid"
            role="table"
            aria-label="Predictions by model and attack"
          >
            <div className="ae-compare__head" role="row">
              <span role="columnheader" className="ae-compare__corner" />
              <span role="columnheader" data-export-text>
                Clean
              </span>
              {COMPARE_MODES.map((m) => (
                <span role="columnheader" key={m} data-export-text title={ATTACK_MODE_LABELS[m]}>
                  {COLUMN_TITLES[m]}
                </span>
              ))}
            </div>
            {rows.map((row) => {
              const clean = row.cells.fgsm?.result?.clean ?? null;
              return (
                <div
                  className="ae-compare__model"
                  role="row"
                  key={row.role}
                  data-testid={`compare-row-${row.role}`}
                >
                  <span role="rowheader" className="ae-compare__model-name">
                    <strong data-export-text>{row.role.toUpperCase()}</strong>
                    <span data-export-text>{row.modelTitle}</span>
                  </span>
                  <figure className="ae-compare-cell" role="cell">
                    <PixelCanvas
                      image={original}
                      scale={0}
                      className="ae-compare-cell__image"
                      label={`the clean ${what}`}
                    />
                    <figcaption
                      className="ae-compare-cell__pred"
                      data-testid={`compare-${row.role}-clean-pred`}
                      data-class={clean?.predictedClass}
                      data-export-text
                    >
                      {clean
                        ? `${p.classNames[clean.predictedClass] ?? clean.predictedClass} · ${formatPercent(clean.confidence)}`
                        : 'computing…'}
                    </figcaption>
                    <div
                      className="ae-compare-cell__eta ae-compare-cell__blank"
                      aria-hidden="true"
                    />
                  </figure>
                  {COMPARE_MODES.map((m) => (
                    <div role="cell" key={m} className="ae-compare__slot">
                      <CompareCellFigure
                        testId={`compare-${row.role}-${m}`}
                        title={`${row.modelTitle}, ${COLUMN_TITLES[m]}`}
                        cell={row.cells[m]}
                        classNames={p.classNames}
                        original={original}
                      />
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
          <div className="ae-compare__legend">
            <span data-export-text>η, from −ε to +ε:</span>
            <div ref={legendRef} className="ae-compare__legend-bar" />
          </div>
        </div>
      )}
      <p className="ae-compare__note">
        ✗ marks a prediction the perturbation changed. FGSM moves every pixel by ε along the sign of
        the loss gradient; the two controls move every pixel by the same max-norm ε in random
        directions (seed {p.seed}). Model B is the selected model&apos;s partner: its adversarially
        trained twin where there is one.
      </p>
    </section>
  );
}
