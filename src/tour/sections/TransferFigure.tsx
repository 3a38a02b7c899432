/**
 * Section 8: FGSM examples made on one model and shown to another, and the seeded maxout
 * ensemble attacked whole or through one member: both experiments run now by the engine on the
 * first test images.
 */
import { useMemo } from 'react';
import type { EnsembleExperimentResult, TransferExperimentResult } from '../../engine/api';
import { Bars } from '../components/Bars';
import { Figure } from '../components/Figure';
import { useTourRuntime } from '../runtime/context';
import { useInView } from '../runtime/useInView';
import { shown, useLive } from '../runtime/useLive';
import { pct } from './format';

const PAIR = ['mnist-maxout', 'mnist-maxout-adv'];
const MEMBERS = ['mnist-maxout-s1', 'mnist-maxout-s2', 'mnist-maxout-s3'];
const EPS = 0.25;
const IMAGES = 300;

interface Result {
  transfer: TransferExperimentResult;
  ensemble: EnsembleExperimentResult;
}

export function TransferFigure() {
  const rt = useTourRuntime();
  const client = useMemo(() => rt.scoped(), [rt]);
  const [ref, visible] = useInView<HTMLElement>();
  const live = useLive<Result>(visible, 'transfer', async (signal) => {
    await Promise.all([...PAIR, ...MEMBERS].map((id) => rt.ensureModel(id)));
    const images = await rt.testImages('mnist', IMAGES);
    const t = await client.runExperiment(
      { kind: 'transfer', models: PAIR, attack: { mode: 'fgsm' }, eps: EPS, images, seed: 0 },
      { signal },
    );
    const e = await client.runExperiment(
      { kind: 'ensemble', members: MEMBERS, attack: { mode: 'fgsm' }, eps: EPS, images, seed: 0 },
      { signal },
    );
    if (t.result.kind !== 'transfer' || e.result.kind !== 'ensemble')
      throw new Error('unexpected experiment result');
    return { transfer: t.result, ensemble: e.result };
  });
  const r = shown(live);
  const cell = (source: string, target: string) =>
    r?.transfer.cells.find((c) => c.source === source && c.target === target) ?? null;
  const naiveToAdv = cell(PAIR[0] ?? '', PAIR[1] ?? '');
  const advToNaive = cell(PAIR[1] ?? '', PAIR[0] ?? '');
  const whole = r?.ensemble.rows.find((row) => row.source === 'ensemble');
  const viaMember = r?.ensemble.rows.find((row) => row.source === MEMBERS[0]);

  return (
    <Figure
      id="transfer"
      label="How often FGSM examples made on one model fool another, and an ensemble attacked through one member"
      figureRef={ref}
      status={live.status}
      error={live.status === 'error' ? live.message : undefined}
      notice={
        naiveToAdv && advToNaive && whole && viaMember ? (
          <>
            examples made on the adversarially trained network fool the naive one{' '}
            {pct(advToNaive.errorRate)} of the time, and where both are wrong they pick the same
            wrong digit {pct(advToNaive.sameWrongClassRate)} of the time: the direction is shared,
            not private to one model. The ensemble of three networks is fooled{' '}
            {pct(whole.ensemble.errorRate)} of the time when attacked whole, and{' '}
            {pct(viaMember.ensemble.errorRate)} by examples made on one member alone.
          </>
        ) : (
          <>whether an attack made on one model works on another.</>
        )
      }
      numbersCaption={`Live: the first ${IMAGES} MNIST test images, FGSM at ε = ${EPS}`}
      numbers={
        r
          ? [
              ...r.transfer.cells.map((c) => ({
                label: `made on ${c.source}, error of ${c.target}`,
                value: pct(c.errorRate),
                raw: c.errorRate,
                testId: `tr-${c.source}-${c.target}`,
              })),
              ...r.ensemble.rows.map((row) => ({
                label: `ensemble error, attacked through ${row.source === 'ensemble' ? 'the whole ensemble' : row.source}`,
                value: pct(row.ensemble.errorRate),
                raw: row.ensemble.errorRate,
                testId: `en-${row.source}`,
              })),
            ]
          : []
      }
      links={[
        { model: PAIR[1] ?? '', image: 0, eps: EPS, attack: 'fgsm', view: 'image' },
        { model: 'mnist-maxout-ensemble', image: 0, eps: EPS, attack: 'fgsm', view: 'image' },
      ]}
    >
      <Bars
        label="Transfer: error of the second model on examples made on the first"
        legend={[
          { series: 'fgsm', label: 'made on the same model' },
          { series: 'noise', label: 'made on the other model' },
        ]}
        bars={(r?.transfer.cells ?? []).map((c) => ({
          label: `${c.source} → ${c.target}`,
          rate: c.errorRate,
          series: c.source === c.target ? 'fgsm' : 'noise',
          testId: `tr-bar-${c.source}-${c.target}`,
        }))}
      />
      <Bars
        label="Ensemble: its error on examples made on it, or on one member"
        legend={[
          { series: 'fgsm', label: 'made on the whole ensemble' },
          { series: 'noise', label: 'made on one member' },
        ]}
        bars={(r?.ensemble.rows ?? []).map((row) => ({
          label: row.source === 'ensemble' ? 'whole ensemble' : `via ${row.source}`,
          rate: row.ensemble.errorRate,
          series: row.source === 'ensemble' ? 'fgsm' : 'noise',
          testId: `en-bar-${row.source}`,
        }))}
      />
    </Figure>
  );
}
