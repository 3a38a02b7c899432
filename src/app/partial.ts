import type { CrossSectionMapState } from '../state/types';

type Partial = NonNullable<CrossSectionMapState['partial']>;

/**
 * Progress.partial is `unknown` in the engine API; a cross-section's carries a coarse map
 * (resolution, predictedClass, confidence). Anything else is ignored.
 */
export function readCrossSectionPartial(value: unknown): Partial | null {
  if (typeof value !== 'object' || value === null) return null;
  const { resolution, predictedClass, confidence } = value as Record<string, unknown>;
  if (
    typeof resolution !== 'number' ||
    !(predictedClass instanceof Int32Array) ||
    !(confidence instanceof Float32Array) ||
    predictedClass.length !== resolution * resolution ||
    confidence.length !== predictedClass.length
  ) {
    return null;
  }
  return { resolution, predictedClass, confidence };
}
