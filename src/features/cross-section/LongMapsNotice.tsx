/**
 * Maps that would take long (a big model: MobileNet's 64 × 64 maps take minutes on a CPU) wait
 * here for the user's go, with the engine's estimate and quicker choices beside it.
 */
import {
  estimateMapsMs,
  formatEstimate,
  LONG_MAPS_MS,
  mapCells,
  type MapCost,
} from '../../shared/mapEstimate';

export interface LongMaps {
  ms: number;
  cost: MapCost;
  cores: number;
  /** how many maps */
  maps: number;
}

export interface LongMapsNoticeProps {
  job: LongMaps;
  resolution: number;
  resolutionOptions: readonly number[];
  onApprove: () => void;
  onResolutionChange: (resolution: number) => void;
  onCountChange: (count: number) => void;
}

/** The largest offered resolution below `resolution` whose maps are not long, else the smallest. */
function quickerResolution(p: LongMapsNoticeProps): number | null {
  const smaller = p.resolutionOptions.filter((r) => r < p.resolution);
  if (smaller.length === 0) return null;
  const quick = smaller.filter(
    (r) => estimateMapsMs(p.job.cost, r, p.job.maps, p.job.cores) <= LONG_MAPS_MS,
  );
  return quick.length > 0 ? Math.max(...quick) : Math.min(...smaller);
}

export function LongMapsNotice(p: LongMapsNoticeProps) {
  const { job, resolution } = p;
  const count = job.maps;
  const cellMs = job.cost.cellMs;
  const quicker = quickerResolution(p);
  const shared = job.cores > 1 ? `, shared by ${job.cores} cores` : '';
  return (
    <div className="xsec-view__long" role="status" data-testid="xsec-long-job">
      <p>
        <strong>
          {count === 1 ? 'This map' : `These ${count} maps`} at {resolution} × {resolution} would
          take {formatEstimate(job.ms)}.
        </strong>{' '}
        The engine measured one cell of this model at{' '}
        {cellMs < 1 ? cellMs.toFixed(2) : cellMs.toFixed(0)} ms on this backend{shared}; a map is{' '}
        {mapCells(resolution).toLocaleString('en')} cells (coarse preview included). They start when
        you say so, and stop when you change a setting.
      </p>
      <div className="xsec-view__long-actions">
        <button type="button" onClick={p.onApprove} data-testid="xsec-long-go">
          Compute ({formatEstimate(job.ms)})
        </button>
        {quicker !== null && (
          <button
            type="button"
            onClick={() => p.onResolutionChange(quicker)}
            data-testid="xsec-long-smaller"
          >
            {quicker} × {quicker} instead (
            {formatEstimate(estimateMapsMs(job.cost, quicker, count, job.cores))})
          </button>
        )}
        {count > 1 && (
          <button type="button" onClick={() => p.onCountChange(1)} data-testid="xsec-long-one">
            One map instead ({formatEstimate(estimateMapsMs(job.cost, resolution, 1, job.cores))})
          </button>
        )}
      </div>
    </div>
  );
}
