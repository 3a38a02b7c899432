import { cellEps, gridOffset } from '../../shared/crossSectionGrid';
import { formatFloat32 } from '../../shared/csv';
import { DataTable } from '../../ui/export/DataTable';
import { PLANE_LABELS, sampleIndices, type CrossSectionMapInput } from './mapData';

export interface MapTablesProps {
  maps: readonly CrossSectionMapInput[];
  classNames: readonly string[];
}

/** The maps' sampled cells as tables (the CSV has every cell), one per finished map. */
export function MapTables({ maps, classNames }: MapTablesProps) {
  const name = (c: number): string => classNames[c] ?? `class ${c}`;
  return maps.map((map, m) => {
    const result = map.result;
    if (!result) return null;
    const n = result.resolution;
    const rows = sampleIndices(n, 9);
    const cols = sampleIndices(n, 9);
    const horizontal = map.horizontal ?? 'fgsm';
    const image = map.imageIndex >= 0 ? `image #${map.imageIndex}` : 'your image';
    const truth = map.trueLabel >= 0 ? name(map.trueLabel) : 'unknown';
    const across = horizontal === 'random' ? 'random signs' : 'FGSM direction';
    return (
      <DataTable
        key={m}
        caption={`Map ${m + 1}, ${PLANE_LABELS[horizontal]} (${image}, true ${truth}): predicted class at sampled cells; rows: random direction, columns: ${across}. Every cell is in the CSV.`}
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
  });
}
