import { useEffect, useMemo, useRef, useState } from 'react';
import type { ImageData01, SweepResult } from '../../engine/api';
import { formatFloat32, sweepCsv } from '../../shared/csv';
import { DataTable, DataTableToggle } from '../../ui/export/DataTable';
import { ExportButtons } from '../../ui/export/ExportButtons';
import { SegmentedControl, type SegmentedOption } from '../../ui/SegmentedControl';
import { SweepChartRenderer } from './renderer';
import { className } from './sweepChartParts';
import { SweepRangeForm } from './SweepRangeForm';
import { SweepStripRenderer } from './stripRenderer';
import { plottedClasses, type SweepMode } from './sweepData';
import './sweep.css';

const MODE_OPTIONS: readonly SegmentedOption<SweepMode>[] = [
  { value: 'logits', label: 'Logits', description: 'pre-softmax scores, as in the paper (Fig. 4)' },
  { value: 'probabilities', label: 'Probabilities', description: 'softmax of the logits' },
];

/** An RBF network's scores s_i = log p_i: its probabilities are exp(s_i), not a softmax. */
const RBF_MODE_OPTIONS: readonly SegmentedOption<SweepMode>[] = [
  { value: 'logits', label: 'Logits', description: 'the RBF scores s_i = log p_i' },
  {
    value: 'probabilities',
    label: 'Probabilities',
    description: 'exp(s_i): unnormalised RBF confidence, need not sum to 1',
  },
];

export interface SweepViewProps {
  /** the engine's sweep; null before the first one arrives */
  result: SweepResult | null;
  classNames: readonly string[];
  /** null when the image has no known label (no line is emphasised, nothing is boxed) */
  trueLabel: number | null;
  /** the clean image the sweep was computed for (renders x + eps * d) */
  image: ImageData01 | null;
  mode: SweepMode;
  onModeChange: (mode: SweepMode) => void;
  epsMax: number;
  points: number;
  onRangeChange: (epsMax: number, points: number) => void;
  loading?: boolean;
  /** an engine error to show instead of the chart */
  error?: string | null;
  /** thumbnails in the strip (default 13) */
  stripCount?: number;
  /** the model's probabilities are an RBF network's exp(s_i), not normalised (default false) */
  unnormalised?: boolean;
}

/** Eps-sweep (paper Fig. 4): class scores along the fixed FGSM direction, and the inputs. */
export function SweepView({
  result,
  classNames,
  trueLabel,
  image,
  mode,
  onModeChange,
  epsMax,
  points,
  onRangeChange,
  loading = false,
  error = null,
  stripCount = 13,
  unnormalised = false,
}: SweepViewProps) {
  const figureRef = useRef<HTMLDivElement>(null);
  const chartHostRef = useRef<HTMLDivElement>(null);
  const stripHostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<SweepChartRenderer | null>(null);
  const stripRef = useRef<SweepStripRenderer | null>(null);
  const [keyboardIndex, setKeyboardIndex] = useState<number | null>(null);

  const classes = useMemo(
    () => (result ? plottedClasses(result, trueLabel) : []),
    [result, trueLabel],
  );

  useEffect(() => {
    const chartHost = chartHostRef.current;
    const stripHost = stripHostRef.current;
    if (!chartHost || !stripHost) return;
    const chart = new SweepChartRenderer(chartHost, {
      onHover: (index, fromKeyboard) => setKeyboardIndex(fromKeyboard ? index : null),
    });
    const strip = new SweepStripRenderer(stripHost);
    chartRef.current = chart;
    stripRef.current = strip;
    return () => {
      chart.destroy();
      strip.destroy();
      chartRef.current = null;
      stripRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.update(
      result ? { result, mode, classNames, trueLabel, classes, image } : null,
    );
  }, [result, mode, classNames, trueLabel, classes, image]);

  useEffect(() => {
    stripRef.current?.update(
      result && image ? { result, image, classNames, trueLabel, count: stripCount } : null,
    );
  }, [result, image, classNames, trueLabel, stripCount]);

  const announcement =
    result && keyboardIndex !== null && keyboardIndex < result.eps.length
      ? `eps ${formatFloat32(result.eps[keyboardIndex] ?? NaN)}: predicted ${className(
          classNames,
          result.predictedClass[keyboardIndex] ?? -1,
        )}`
      : '';

  return (
    <section className="sweep-view" aria-labelledby="sweep-view-title" data-testid="sweep-view">
      <h2 id="sweep-view-title" className="sweep-view__title">
        Eps-sweep along the FGSM direction
      </h2>
      <div className="sweep-view__controls">
        <SegmentedControl
          legend="Plot"
          value={mode}
          options={unnormalised ? RBF_MODE_OPTIONS : MODE_OPTIONS}
          onChange={onModeChange}
          testId="sweep-mode"
        />
        <SweepRangeForm
          key={`${epsMax}:${points}`}
          epsMax={epsMax}
          points={points}
          onRangeChange={onRangeChange}
        />
        <ExportButtons
          figureRef={figureRef}
          fileName={`eps-sweep-${mode}`}
          csv={result ? () => sweepCsv(result, classNames, mode) : null}
          testIdPrefix="sweep"
          figureName="eps-sweep chart"
          disabled={!result}
          partial={loading ? 'a new sweep is being computed' : null}
        />
      </div>
      {unnormalised && mode === 'probabilities' && (
        <p className="sweep-view__note" data-testid="sweep-unnormalised-note">
          Unnormalised RBF confidence: each curve is exp(s<sub>i</sub>) of one class on its own, so
          the curves need not sum to 1.
        </p>
      )}
      {error && (
        <p role="alert" className="sweep-view__error" data-testid="sweep-error">
          {error}
        </p>
      )}
      {loading && (
        <p role="status" className="sweep-view__status" data-testid="sweep-loading">
          Computing the sweep…
        </p>
      )}
      <div
        ref={figureRef}
        className="sweep-view__figure"
        aria-busy={loading}
        aria-label="Eps-sweep: class scores against eps, and the perturbed inputs"
        data-testid="sweep-figure"
      >
        <div ref={chartHostRef} />
        <div ref={stripHostRef} />
      </div>
      <p className="ae-visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {result && (
        <DataTableToggle label="Data table" testId="sweep-data-table">
          {() => (
            <DataTable
              caption={`${mode === 'logits' ? 'Logits' : unnormalised ? 'Unnormalised RBF confidences exp(s)' : 'Probabilities'} per class against eps`}
              columns={['eps', 'predicted', ...classes.map((c) => className(classNames, c))]}
              rows={Array.from(result.eps, (eps, i) => {
                const values = mode === 'logits' ? result.logits : result.probabilities;
                return [
                  formatFloat32(eps),
                  className(classNames, result.predictedClass[i] ?? -1),
                  ...classes.map((c) => formatFloat32(values[i * result.numClasses + c] ?? NaN)),
                ];
              })}
            />
          )}
        </DataTableToggle>
      )}
    </section>
  );
}
