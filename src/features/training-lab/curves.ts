/**
 * The lab's charts as data: the training loss and the held-out errors of each run against
 * epochs, one line per run and measure; a comparison draws the naive run dashed.
 */
import type { TrainingCurvePoint, TrainingLossPoint } from '../../engine/api';
import type { LabRunView } from './labTypes';

export interface CurveSeries {
  name: string;
  /** a CSS colour */
  colour: string;
  dashed: boolean;
  /** [epochs, value] */
  points: [number, number][];
}

export interface CurveChartData {
  title: string;
  yLabel: string;
  /** percent: values in [0, 1] drawn as 0%..100%; loss: from 0 to the largest value */
  yKind: 'percent' | 'loss';
  /** the x axis runs from 0 to this many epochs */
  epochs: number;
  series: CurveSeries[];
}

/** The measures' colours, the same in every run (Okabe-Ito: readable for colour-blind people). */
export const MEASURE_COLOURS = {
  loss: '#000000',
  clean: '#0072B2',
  fgsm: '#D55E00',
  noise: '#009E73',
} as const;

const RUN_LOSS_COLOURS = ['#0072B2', '#D55E00', '#CC79A7', '#E69F00'];

export const MEASURE_NAMES = {
  clean: 'clean',
  fgsm: 'FGSM',
  noise: '±eps noise',
} as const;

function curveOf(run: LabRunView): TrainingCurvePoint[] {
  return run.result?.curve ?? run.progress?.curve ?? [];
}

function lossesOf(run: LabRunView): TrainingLossPoint[] {
  return run.result?.losses ?? run.progress?.losses ?? [];
}

function runName(run: LabRunView, many: boolean): string {
  if (!many) return '';
  return run.role === 'naive' ? 'plain' : run.role === 'adversarial' ? 'adversarial' : run.title;
}

const epochsOf = (runs: readonly LabRunView[]): number =>
  Math.max(1, ...runs.map((r) => r.spec.epochs));

export function lossChart(runs: readonly LabRunView[]): CurveChartData {
  const many = runs.length > 1;
  return {
    title: 'Training loss',
    yLabel: 'loss',
    yKind: 'loss',
    epochs: epochsOf(runs),
    series: runs.map((run, i) => ({
      name: many ? runName(run, many) : 'loss',
      colour: many ? (RUN_LOSS_COLOURS[i % RUN_LOSS_COLOURS.length] ?? '#000') : '#333',
      dashed: run.role === 'naive',
      points: lossesOf(run).map((p): [number, number] => [p.epoch, p.loss]),
    })),
  };
}

export function errorChart(runs: readonly LabRunView[], heldOut: number): CurveChartData {
  const many = runs.length > 1;
  const measures = ['clean', 'fgsm', 'noise'] as const;
  return {
    title: `Error on ${heldOut} held-out images`,
    yLabel: 'error',
    yKind: 'percent',
    epochs: epochsOf(runs),
    series: runs.flatMap((run) =>
      measures.map((m) => ({
        name: many ? `${MEASURE_NAMES[m]}, ${runName(run, many)}` : MEASURE_NAMES[m],
        colour: MEASURE_COLOURS[m],
        dashed: run.role === 'naive',
        points: curveOf(run).map((p): [number, number] => [p.epoch, p[m]]),
      })),
    ),
  };
}
