import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { cellEps, gridOffset } from '../../shared/crossSectionGrid';
import { crossSectionCsv, formatFloat32 } from '../../shared/csv';
import { DataTable, DataTableToggle } from '../../ui/export/DataTable';
import { ExportButtons } from '../../ui/export/ExportButtons';
import { Select } from '../../ui/Select';
import { SegmentedControl, type SegmentedOption } from '../../ui/SegmentedControl';
import type { MapHorizontal } from '../../shared/vocabulary';
import { CrossSectionLegendRenderer } from './legendRenderer';
import { LongMapsNotice, type LongMaps } from './LongMapsNotice';
import { MapCell } from './MapCell';
import {
  classesPresent,
  legendClasses,
  mapGrid,
  partialNote,
  sampleIndices,
  type CrossSectionMapInput,
} from './mapData';
import './cross-section.css';
import { LIMITS } from '../../shared/limits';

const HORIZONTAL_OPTIONS: readonly SegmentedOption<MapHorizontal>[] = [
  { value: 'fgsm', label: 'FGSM sign(∇)', description: 'the adversarial plane: FGSM × random' },
  {
    value: 'random',
    label: 'random',
    description: 'the control: random ±1 signs × random, no gradient',
  },
];

export interface CrossSectionViewProps {
  maps: readonly CrossSectionMapInput[];
  classNames: readonly string[];
  epsMax: number;
  /** cells per side, 16..256 */
  resolution: number;
  onResolutionChange: (resolution: number) => void;
  /** number of test images (default 6 in the shell) */
  count: number;
  onCountChange: (count: number) => void;
  /** draw another random orthogonal direction */
  onReseed: () => void;
  /** a finished map's cell was chosen: the shell loads x + h * horizontal + v * vertical */
  onCellClick: (mapIndex: number, horizontalEps: number, verticalEps: number) => void;
  /** seed of the random direction, shown next to the re-seed button */
  seed?: number;
  /** the planes' horizontal direction: FGSM (default) or random signs, the control */
  horizontal?: MapHorizontal;
  /** absent: no choice of horizontal direction is offered */
  onHorizontalChange?: (horizontal: MapHorizontal) => void;
  resolutionOptions?: readonly number[];
  /** maps estimated long, waiting for the user's go (null: none waits) */
  longJob?: LongMaps | null;
  onApproveLongJob?: () => void;
}

/** Cross-section maps (lecture): class regions around several images in an adversarial plane. */
export function CrossSectionView({
  maps,
  classNames,
  epsMax,
  resolution,
  onResolutionChange,
  count,
  onCountChange,
  onReseed,
  onCellClick,
  seed,
  horizontal = 'fgsm',
  onHorizontalChange,
  resolutionOptions = LIMITS.map.resolutionOptions,
  longJob = null,
  onApproveLongJob,
}: CrossSectionViewProps) {
  const id = useId();
  const figureRef = useRef<HTMLDivElement>(null);
  const legendHostRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<CrossSectionLegendRenderer | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const grids = useMemo(() => maps.map(mapGrid), [maps]);
  const legend = useMemo(
    () =>
      legendClasses(
        classNames.length,
        classesPresent(grids.flatMap((g) => (g ? [g.predictedClass] : []))),
      ),
    [grids, classNames],
  );

  useEffect(() => {
    const host = legendHostRef.current;
    if (!host) return;
    const renderer = new CrossSectionLegendRenderer(host);
    legendRef.current = renderer;
    return () => {
      renderer.destroy();
      legendRef.current = null;
    };
  }, []);

  useEffect(() => {
    legendRef.current?.update({ classes: legend, classNames });
  }, [legend, classNames]);

  const onCursor = useCallback((description: string) => setAnnouncement(description), []);
  const options = resolutionOptions.includes(resolution)
    ? resolutionOptions
    : [...resolutionOptions, resolution].sort((a, b) => a - b);
  const busy = maps.some((m) => m.result === null && !m.error);
  const [countLo, countHi] = LIMITS.map.count;

  return (
    <section className="xsec-view" aria-labelledby={`${id}-title`} data-testid="xsec-view">
      <h2 id={`${id}-title`} className="xsec-view__title">
        {horizontal === 'random'
          ? 'Cross-section maps: random signs against a random orthogonal direction (control)'
          : 'Cross-section maps: FGSM direction against a random orthogonal direction'}
      </h2>
      <div className="xsec-view__controls">
        {onHorizontalChange && (
          <SegmentedControl
            legend="Horizontal direction"
            value={horizontal}
            options={HORIZONTAL_OPTIONS}
            onChange={onHorizontalChange}
            testId="xsec-horizontal"
          />
        )}
        <Select
          label="Resolution"
          value={String(resolution)}
          options={options.map((r) => ({ value: String(r), label: `${r} × ${r}` }))}
          onChange={(v) => onResolutionChange(Number(v))}
          testId="xsec-resolution"
        />
        <Select
          label="Images"
          value={String(count)}
          options={Array.from({ length: countHi - countLo + 1 }, (_, i) => {
            const n = String(countLo + i);
            return { value: n, label: n };
          })}
          onChange={(v) => onCountChange(Number(v))}
          testId="xsec-count"
        />
        <button type="button" onClick={onReseed} data-testid="xsec-reseed">
          New random direction
        </button>
        {seed !== undefined && (
          <span className="xsec-view__seed" data-testid="xsec-seed">
            seed {seed}
          </span>
        )}
        <ExportButtons
          figureRef={figureRef}
          fileName={`cross-sections-${resolution}`}
          csv={maps.some((m) => m.result) ? () => crossSectionCsv(maps, classNames, cellEps) : null}
          testIdPrefix="xsec"
          figureName="cross-section maps"
          partial={partialNote(maps)}
        />
      </div>
      <p className="xsec-view__hint" data-testid="xsec-hint">
        {horizontal === 'random'
          ? 'The control: the horizontal axis is random ±1 signs (the same size as FGSM’s sign(∇ₓJ), but blind to the loss), so a step of ε moves every pixel by ±ε. Compare with the FGSM maps: the lecture’s point is that the class changes at a far smaller ε along sign(∇ₓJ) than along random directions. '
          : 'Both axes are ε in pixel units: a step along the FGSM direction sign(∇ₓJ) moves every pixel by ±ε. '}
        The random vertical direction r is Gaussian, made orthogonal to the horizontal one and
        scaled so its largest pixel is 1, so a step of ε there changes no pixel by more than ε
        either. The cross marks the clean image. Click a cell (or focus a map, move with the arrow
        keys and press Enter) to load that perturbed image.
      </p>
      {longJob && onApproveLongJob && (
        <LongMapsNotice
          job={longJob}
          resolution={resolution}
          resolutionOptions={options}
          onApprove={onApproveLongJob}
          onResolutionChange={onResolutionChange}
          onCountChange={onCountChange}
        />
      )}
      <div
        ref={figureRef}
        className="xsec-view__figure"
        aria-busy={busy}
        aria-label="Cross-section maps with their legend"
        data-testid="xsec-figure"
      >
        <div ref={legendHostRef} className="xsec-view__legend" />
        <div className="xsec-view__grid">
          {maps.map((map, i) => (
            <MapCell
              key={i}
              index={i}
              map={map}
              classNames={classNames}
              epsMax={epsMax}
              horizontal={horizontal}
              onCellClick={onCellClick}
              onCursor={onCursor}
            />
          ))}
        </div>
      </div>
      <p className="ae-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <DataTableToggle label="Data tables (sampled cells)" testId="xsec-data-table">
        {() =>
          maps.map((map, m) => {
            const result = map.result;
            if (!result) return null;
            const n = result.resolution;
            const rows = sampleIndices(n, 9);
            const cols = sampleIndices(n, 9);
            const name = (c: number): string => classNames[c] ?? `class ${c}`;
            return (
              <DataTable
                key={m}
                caption={`Map ${m + 1} (${map.imageIndex >= 0 ? `image #${map.imageIndex}` : 'your image'}, true ${map.trueLabel >= 0 ? name(map.trueLabel) : 'unknown'}): predicted class at sampled cells; rows: random direction, columns: ${horizontal === 'random' ? 'random signs' : 'FGSM direction'}. Every cell is in the CSV.`}
                columns={[
                  horizontal === 'random' ? 'random \\ random signs' : 'random \\ FGSM',
                  ...cols.map((c) => formatFloat32(gridOffset(result.epsMax, n, c))),
                ]}
                rows={rows.map((r) => [
                  formatFloat32(cellEps(result.epsMax, n, r, 0)[1]),
                  ...cols.map((c) => {
                    const cell = r * n + c;
                    return `${name(result.predictedClass[cell] ?? -1)} (${formatFloat32(
                      result.confidence[cell] ?? NaN,
                    )})`;
                  }),
                ])}
              />
            );
          })
        }
      </DataTableToggle>
    </section>
  );
}
