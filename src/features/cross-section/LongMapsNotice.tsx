/**
 * Maps that would take long (a big model: MobileNet's 64 × 64 maps take minutes on a CPU) wait
 * here for the user's go, with the engine's estimate and quicker choices beside it.
 */
import {
  estimatePlanesMs,
  formatEstimate,
  LONG_MAPS_MS,
  mapCells,
  type MapCost,
  type MapsPlan,
} from '../../shared/mapEstimate';

export interface LongMaps extends MapsPlan {
  ms: number;
  cost: MapCost;
  cores: number;
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
    (r) => estimatePlanesMs(p.job.cost, r, p.job, p.job.cores) <= LONG_MAPS_MS,
  );
  return quick.length > 0 ? Math.max(...quick) : Math.min(...smaller);
}

export function LongMapsNotice(p: LongMapsNoticeProps) {
  const { job, resolution } = p;
  const count = job.images;
  const paired = job.planes.length > 1;
  const what =
    count === 1
      ? paired
        ? 'This pair of maps'
        : 'This map'
      : paired
        ? `These ${count} pairs of maps (${count * job.planes.length} maps)`
        : `These ${count} maps`;
  const one = { images: 1, planes: job.planes };
  const cellMs = job.cost.cellMs;
  const quicker = quickerResolution(p);
  const shared = job.cores > 1 ? `, shared by ${job.cores} cores` : '';
  return (
    <div className="xsec-view__long" role="status" data-testid="xsec-long-job">
      <p>
        <strong>
          {what} at {resolution} × {resolution} would take {formatEstimate(job.ms)}.
        </strong>{' '}
        The engine measured one cell of this model at{' '}
        {cellMs < 1 ? cellMs.toFixed(2) : cellMs.toFixed(0)} ms on this backend{shared}; a map is{' '}
        {mapCells(resolution).toLocaleString('en')} cells (coarse preview included)
        {paired ? '; the random × random map of a pair needs no gradient' : ''}. They start when you
        say so, and stop when you change a setting.
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
            {formatEstimate(estimatePlanesMs(job.cost, quicker, job, job.cores))})
          </button>
        )}
        {count > 1 && (
          <button type="button" onClick={() => p.onCountChange(1)} data-testid="xsec-long-one">
            {paired ? 'One image' : 'One map'} instead (
            {formatEstimate(estimatePlanesMs(job.cost, resolution, one, job.cores))})
          </button>
        )}
      </div>
    </div>
  );
}
