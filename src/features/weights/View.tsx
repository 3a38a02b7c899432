import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { LayerWeights } from '../../engine/api';
import { weightsCsv } from '../../shared/csv';
import { localisationLine, weightsLocalisation } from '../../shared/weightsLocalisation';
import { DataTableToggle } from '../../ui/export/DataTable';
import { ExportButtons } from '../../ui/export/ExportButtons';
import { Select, type SelectOption } from '../../ui/Select';
import { WeightsRenderer, type WeightsPanelData } from './renderer';
import { WeightsValueTable } from './WeightsValueTable';
import { pageInfo, sharedScales, type RgbMode } from './weightsLayout';
import './weights.css';

const RGB_MODE_OPTIONS: readonly SelectOption<RgbMode>[] = [
  { value: 'filter', label: 'as colour, per filter (0 = grey)' },
  { value: 'colour', label: 'as colour, one scale (0 = grey)' },
  { value: 'channels', label: 'per channel, diverging' },
];

export interface WeightsPanelInput {
  /** e.g. the model title */
  title: string;
  weights: LayerWeights;
}

export interface WeightsViewProps {
  left: WeightsPanelInput | null;
  /** a second model beside the first, on the same colour scale */
  right?: WeightsPanelInput | null;
  /** 0-based; clamped to the pages that exist */
  page: number;
  onPageChange: (page: number) => void;
  unitsPerPage: number;
  loading?: boolean;
  error?: string | null;
  /** how RGB filters are drawn, where the caller keeps it (the caption reads it); else kept here */
  rgbMode?: RgbMode;
  onRgbModeChange?: (mode: RgbMode) => void;
}

/** First-layer weights as images (paper Fig. 2 and 3), one or two models on one colour scale. */
export function WeightsView({
  left,
  right = null,
  page,
  onPageChange,
  unitsPerPage,
  loading = false,
  error = null,
  rgbMode: givenRgbMode,
  onRgbModeChange,
}: WeightsViewProps) {
  const id = useId();
  const figureRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<WeightsRenderer | null>(null);
  const [ownRgbMode, setOwnRgbMode] = useState<RgbMode>('filter');
  const rgbMode = givenRgbMode ?? ownRgbMode;
  const setRgbMode = onRgbModeChange ?? setOwnRgbMode;

  const panels = useMemo(() => {
    const list: WeightsPanelData[] = [];
    if (left) list.push({ side: 'left', ...left });
    if (right) list.push({ side: 'right', ...right });
    return list;
  }, [left, right]);
  // symmetric scales shared by both models, so their images compare directly
  const scales = useMemo(() => sharedScales(panels), [panels]);
  const maxUnits = Math.max(0, ...panels.map((p) => p.weights.units));
  const info = pageInfo(page, unitsPerPage, maxUnits);
  const hasRgb = panels.some((p) => p.weights.imageShape[2] === 3);
  // over every unit of the layer, not the page: one number per model that does not change with
  // paging (a few ms for 240 maxout units x 5 pieces; recomputed only when the weights change)
  const localisation = useMemo(
    () => panels.map((p) => localisationLine(p.title, weightsLocalisation(p.weights))),
    [panels],
  );
  const unitRange =
    maxUnits > 0
      ? info.end - info.start > 1
        ? `units ${info.start}–${info.end - 1}`
        : `unit ${info.start}`
      : '';
  const slide =
    panels.length > 0
      ? {
          title: `First-layer weights: ${panels.map((p) => p.title).join(' vs ')}${
            unitRange ? `, ${unitRange}` : ''
          }`,
          lines: localisation,
        }
      : null;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const renderer = new WeightsRenderer(host);
    rendererRef.current = renderer;
    return () => {
      renderer.destroy();
      rendererRef.current = null;
    };
  }, []);

  useEffect(() => {
    rendererRef.current?.update(
      panels.length > 0 ? { panels, page: info.page, unitsPerPage, scales, rgbMode } : null,
    );
  }, [panels, info.page, unitsPerPage, scales, rgbMode]);

  return (
    <section className="weights-view" aria-labelledby={`${id}-title`} data-testid="weights-view">
      <h2 id={`${id}-title`} className="weights-view__title">
        First-layer weights
      </h2>
      <div className="weights-view__controls">
        <nav className="weights-view__pager" aria-label="Weight pages">
          <button
            type="button"
            onClick={() => onPageChange(info.page - 1)}
            disabled={info.page <= 0}
            aria-label="Previous units"
            data-testid="weights-prev"
          >
            ‹ Prev
          </button>
          <span data-testid="weights-page" aria-live="polite">
            Page {info.page + 1} of {info.pageCount}
            {maxUnits > 0 &&
              (info.end - info.start > 1
                ? ` (units ${info.start}–${info.end - 1} of ${maxUnits})`
                : ` (unit ${info.start} of ${maxUnits})`)}
          </span>
          <button
            type="button"
            onClick={() => onPageChange(info.page + 1)}
            disabled={info.page >= info.pageCount - 1}
            aria-label="Next units"
            data-testid="weights-next"
          >
            Next ›
          </button>
        </nav>
        {hasRgb && (
          <Select<RgbMode>
            label="RGB filters"
            value={rgbMode}
            options={RGB_MODE_OPTIONS}
            onChange={(mode) => setRgbMode(mode)}
            testId="weights-rgb-mode"
          />
        )}
        <ExportButtons
          figureRef={figureRef}
          fileName={`weights-page-${info.page + 1}`}
          csv={
            panels.length > 0
              ? () =>
                  weightsCsv(
                    panels.map((p) => ({ title: p.title, weights: p.weights })),
                    info.start,
                    info.end,
                  )
              : null
          }
          testIdPrefix="weights"
          figureName="weight images"
          disabled={panels.length === 0}
          partial={loading ? 'the weights are loading' : null}
          slide={slide}
        />
      </div>
      {error && (
        <p role="alert" className="weights-view__error" data-testid="weights-error">
          {error}
        </p>
      )}
      {loading && (
        <p role="status" data-testid="weights-loading">
          Loading weights…
        </p>
      )}
      {localisation.length > 0 && (
        <div className="weights-view__localisation" data-testid="weights-localisation">
          {localisation.map((line, i) => (
            <p key={i} className="weights-view__localisation-line">
              {line}
            </p>
          ))}
          <p className="weights-view__note">
            Localisation: the share of each filter&rsquo;s weight mass Σ|w| (a unit, or one maxout
            piece) in its 10% largest-|w| pixels, averaged over all filters of the layer, not just
            this page: 10% is spread evenly, near 100% a few pixels. The paper (Fig. 3) reports
            adversarially trained maxout weights as more localised: compare the lines (the Slide PNG
            shows them too).
          </p>
        </div>
      )}
      <div
        ref={figureRef}
        className="weights-view__figure"
        role="group"
        aria-busy={loading}
        aria-label="First-layer weight images"
        data-testid="weights-figure"
      >
        <div ref={hostRef} />
      </div>
      {panels.length > 0 && (
        <DataTableToggle label="Data table (one unit's weights)" testId="weights-data-table">
          {() => <WeightsValueTable panels={panels} start={info.start} end={info.end} />}
        </DataTableToggle>
      )}
    </section>
  );
}
