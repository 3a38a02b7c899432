import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { cellEps } from '../../shared/crossSectionGrid';
import { crossSectionCsv } from '../../shared/csv';
import { DataTableToggle } from '../../ui/export/DataTable';
import { ExportButtons } from '../../ui/export/ExportButtons';
import { Select } from '../../ui/Select';
import { SegmentedControl, type SegmentedOption } from '../../ui/SegmentedControl';
import { mapRows } from '../../shared/mapPlanes';
import { planesShown, type MapPlanes } from '../../shared/vocabulary';
import { CrossSectionLegendRenderer } from './legendRenderer';
import { LongMapsNotice, type LongMaps } from './LongMapsNotice';
import { MapCell } from './MapCell';
import { MapTables } from './MapTables';
import { classesPresent, legendClasses, mapGrid, partialNote } from './mapData';
import type { CrossSectionMapInput } from './mapData';
import { mapsHint, mapsTitle } from './viewText';
import './cross-section.css';
import { LIMITS } from '../../shared/limits';

const PLANE_OPTIONS: readonly SegmentedOption<MapPlanes>[] = [
  {
    value: 'both',
    label: 'both, side by side',
    description: 'each image’s FGSM × random map beside its random × random map',
  },
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
  /**
   * set where only one image can be mapped (the user's picture, for a model without test
   * images): the Images control shows 1, fixed, and this note says why
   */
  singleImageNote?: string | null;
  /** draw another random orthogonal direction */
  onReseed: () => void;
  /** a finished map's cell was chosen: the shell loads x + h * horizontal + v * vertical */
  onCellClick: (mapIndex: number, horizontalEps: number, verticalEps: number) => void;
  /** seed of the random direction, shown next to the re-seed button */
  seed?: number;
  /** the planes shown: both side by side (default), FGSM x random or random x random; `maps`
   * holds a block of maps per plane (src/shared/mapPlanes) */
  planes?: MapPlanes;
  /** absent: no choice of planes is offered */
  onPlanesChange?: (planes: MapPlanes) => void;
  resolutionOptions?: readonly number[];
  /** maps estimated long, waiting for the user's go (null: none waits) */
  longJob?: LongMaps | null;
  onApproveLongJob?: () => void;
}

const EMPTY_MAP: CrossSectionMapInput = { imageIndex: -1, trueLabel: -1, result: null };

/** Cross-section maps (lecture): class regions around several images in an adversarial plane,
 * and beside each, by default, the same image's random plane (the lecture's contrast). */
export function CrossSectionView({
  maps,
  classNames,
  epsMax,
  resolution,
  onResolutionChange,
  count,
  onCountChange,
  singleImageNote = null,
  onReseed,
  onCellClick,
  seed,
  planes = 'both',
  onPlanesChange,
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
  const shown = planesShown(planes);
  // a pair per image when both planes show; a map that has no partner yet stands alone
  const rows = mapRows(Math.ceil(maps.length / shown.length), shown.length).map((row) =>
    row.filter((position) => position < maps.length),
  );

  return (
    <section className="xsec-view" aria-labelledby={`${id}-title`} data-testid="xsec-view">
      <h2 id={`${id}-title`} className="xsec-view__title">
        {mapsTitle(planes)}
      </h2>
      <div className="xsec-view__controls">
        {onPlanesChange && (
          <SegmentedControl
            legend="Horizontal direction"
            value={planes}
            options={PLANE_OPTIONS}
            onChange={onPlanesChange}
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
          value={singleImageNote ? '1' : String(count)}
          options={
            singleImageNote
              ? [{ value: '1', label: '1' }]
              : Array.from({ length: countHi - countLo + 1 }, (_, i) => {
                  const n = String(countLo + i);
                  return { value: n, label: n };
                })
          }
          onChange={(v) => onCountChange(Number(v))}
          disabled={singleImageNote !== null}
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
      {singleImageNote && (
        <p className="xsec-view__hint" data-testid="xsec-single-image">
          {singleImageNote}
        </p>
      )}
      <p className="xsec-view__hint" data-testid="xsec-hint">
        {mapsHint(planes)}
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
        <div className={`xsec-view__grid${shown.length > 1 ? ' xsec-view__grid--pairs' : ''}`}>
          {rows.map((row, r) => {
            const cells = row.map((position) => (
              <MapCell
                key={position}
                index={position}
                map={maps[position] ?? EMPTY_MAP}
                classNames={classNames}
                epsMax={epsMax}
                onCellClick={onCellClick}
                onCursor={onCursor}
              />
            ));
            if (shown.length === 1) return cells;
            const image = maps[row[0] ?? 0]?.imageIndex ?? -1;
            return (
              <div
                key={r}
                role="group"
                className="xsec-view__pair"
                aria-label={`${image >= 0 ? `Image #${image}` : 'Your image'}: FGSM × random beside random × random`}
                data-testid={`xsec-pair-${r}`}
              >
                {cells}
              </div>
            );
          })}
        </div>
      </div>
      <p className="ae-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <DataTableToggle label="Data tables (sampled cells)" testId="xsec-data-table">
        {() => <MapTables maps={maps} classNames={classNames} />}
      </DataTableToggle>
    </section>
  );
}
