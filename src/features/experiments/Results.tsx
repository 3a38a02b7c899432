import { useEffect, useMemo, useRef } from 'react';
import type { ExperimentResult, NoiseExample } from '../../engine/experimentTypes';
import {
  experimentJson,
  experimentTables,
  formatCell,
  tablesCsv,
} from '../../engine/report/experimentReport';
import { useAppStore } from '../../state';
import { DataTable } from '../../ui/export/DataTable';
import { downloadText } from '../../ui/export/download';
import { ExportButtons } from '../../ui/export/ExportButtons';
import { PixelCanvas } from '../../ui/PixelCanvas';
import { chartOf, type ExperimentChartData } from './chartData';
import { ExperimentChartRenderer } from './renderer';

/** Noise images leave [0, 1]: shown rescaled from their own min..max to black..white. */
function rescaled(example: NoiseExample, shape: [number, number, number]) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of example.image) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi > lo ? hi - lo : 1;
  return {
    data: Array.from(example.image, (v) => (v - lo) / span),
    height: shape[0],
    width: shape[1],
    channels: shape[2],
  };
}

function Gallery({ result }: { result: ExperimentResult }) {
  let items: { key: string; caption: string; example: NoiseExample }[] = [];
  let shape: [number, number, number] | null = null;
  if (result.kind === 'rubbish') {
    shape = result.shape;
    items = result.rows.flatMap((row) =>
      row.examples.map((e) => ({
        key: `${row.modelId}:${e.index}`,
        caption: `${row.modelId}: noise #${e.index} \u2192 class ${e.predictedClass} (p ${e.confidence.toFixed(3)})`,
        example: e,
      })),
    );
  } else if (result.kind === 'fooling') {
    shape = result.shape;
    items = result.rows.map((row) => ({
      key: String(row.targetClass),
      caption: `toward class ${row.targetClass}: p ${row.example.confidence.toFixed(3)}`,
      example: row.example,
    }));
  }
  if (!shape || items.length === 0) return null;
  const imageShape = shape;
  return (
    <figure className="ae-experiment-gallery" data-testid="experiment-gallery">
      <figcaption>
        {result.kind === 'rubbish'
          ? 'The most confident noise images (each rescaled from its own min..max for display)'
          : 'The most confident image per class after the last step (rescaled for display)'}
      </figcaption>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <PixelCanvas
              image={rescaled(item.example, imageShape)}
              scale={3}
              label={item.caption}
            />
            <span>{item.caption}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function Chart({ data }: { data: ExperimentChartData | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const renderer = useRef<ExperimentChartRenderer | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    renderer.current = new ExperimentChartRenderer(ref.current);
    return () => {
      renderer.current?.destroy();
      renderer.current = null;
    };
  }, []);
  useEffect(() => renderer.current?.update(data), [data]);
  return <div ref={ref} className="ae-experiment-chart-box" hidden={data === null} />;
}

export interface ResultsProps {
  result: ExperimentResult;
  /** file name without extension */
  fileName: string;
}

/** Chart, tables, gallery and SVG/PNG/CSV/JSON export of one experiment result. */
export function Results({ result, fileName }: ResultsProps) {
  const modelList = useAppStore((s) => s.modelList);
  const figureRef = useRef<HTMLDivElement>(null);
  const chart = useMemo(() => chartOf(result), [result]);
  // the figure holds a chart or a gallery of images; the other results are tables only
  const pictured = chart !== null || result.kind === 'rubbish' || result.kind === 'fooling';
  const tables = useMemo(
    () =>
      experimentTables(result, (id) =>
        modelList.status === 'ready'
          ? modelList.models.find((m) => m.id === id)?.classNames
          : undefined,
      ),
    [result, modelList],
  );
  return (
    <section className="ae-experiment-results" aria-label="Experiment results">
      <div className="ae-experiment-exports">
        <ExportButtons
          figureRef={figureRef}
          fileName={fileName}
          csv={() => tablesCsv(tables)}
          testIdPrefix="experiment"
          figureName="experiment figure"
          disabled={!pictured}
        />
        <button
          type="button"
          data-testid="experiment-export-json"
          onClick={() =>
            downloadText(
              JSON.stringify(experimentJson(result), null, 2),
              `${fileName}.json`,
              'application/json',
            )
          }
        >
          JSON
        </button>
      </div>
      <div
        ref={figureRef}
        className="ae-experiment-figure"
        aria-label={chart?.title ?? 'Experiment result'}
        data-testid="experiment-figure"
      >
        <Chart data={chart} />
        <Gallery result={result} />
      </div>
      {tables.map((table, k) => (
        <DataTable
          key={k}
          caption={table.title}
          columns={table.columns}
          rows={table.rows.map((row) => row.map((v, i) => formatCell(table, i, v)))}
          testId={`experiment-table-${k}`}
        />
      ))}
      <pre hidden data-testid="experiment-result-json">
        {JSON.stringify(experimentJson(result))}
      </pre>
    </section>
  );
}
