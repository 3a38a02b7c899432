/**
 * Section 6: the maxout networks trained four ways (whichever models/index.json ships), attacked
 * now by the engine on the first test images with FGSM and with random noise of the same size;
 * beside them the full-test-set figures of `npm run measure`, PGD included.
 */
import { useMemo } from 'react';
import type { AttackExperimentResult, AttackMode } from '../../engine/api';
import type { ModelIndex } from '../../models/manifest';
import { Bars, type Bar } from '../components/Bars';
import { Figure } from '../components/Figure';
import { trainingLabHref } from '../logic/explorerLink';
import { TRAINING_FAMILY, percent, trainingFamilyRates } from '../logic/modelFigures';
import { useTourRuntime } from '../runtime/context';
import { useInView } from '../runtime/useInView';
import { shown, useLive } from '../runtime/useLive';
import { HarnessingTable } from './HarnessingTable';

const EPS = 0.25;
const IMAGES = 500;

interface Result {
  index: ModelIndex;
  ids: string[];
  fgsm: AttackExperimentResult;
  noise: AttackExperimentResult;
}

const errorOf = (r: AttackExperimentResult, id: string) =>
  r.rows.find((row) => row.modelId === id)?.errorRate ?? 0;

export function HarnessingFigure() {
  const rt = useTourRuntime();
  const client = useMemo(() => rt.scoped(), [rt]);
  const [ref, visible] = useInView<HTMLElement>();
  const live = useLive<Result>(visible, 'family', async (signal) => {
    const index = await rt.index();
    const ids = TRAINING_FAMILY.map((f) => f.id).filter((id) =>
      index.models.some((m) => m.id === id),
    );
    await Promise.all(ids.map((id) => rt.ensureModel(id)));
    const images = await rt.testImages('mnist', IMAGES);
    const run = async (mode: AttackMode) => {
      const { result } = await client.runExperiment(
        { kind: 'attack', models: ids, attack: { mode }, eps: [EPS], images, seed: 0 },
        { signal },
      );
      if (result.kind !== 'attack')
        throw new Error(`expected an attack result, got ${result.kind}`);
      return result;
    };
    const fgsm = await run('fgsm');
    const noise = await run('random-sign');
    return { index, ids, fgsm, noise };
  });
  const r = shown(live);
  const family = r ? trainingFamilyRates(r.index, EPS) : [];
  const naive = family.find((f) => f.rates.model.id === 'mnist-maxout')?.rates;
  const adv = family.find((f) => f.rates.model.id === 'mnist-maxout-adv')?.rates;
  const noiseTrained = family.filter((f) => f.rates.model.id.startsWith('mnist-maxout-noise'));
  const lab = trainingLabHref();
  const bars: Bar[] = r
    ? r.ids.flatMap((id) => [
        {
          label: `${id}: FGSM`,
          rate: errorOf(r.fgsm, id),
          series: 'fgsm',
          testId: `hv-fgsm-${id}`,
        },
        {
          label: `${id}: random ±ε`,
          rate: errorOf(r.noise, id),
          series: 'noise',
          testId: `hv-noise-${id}`,
        },
      ])
    : [];

  const pgdNote =
    adv?.pgd && adv.fgsm
      ? adv.pgd.errorRate > 2 * adv.fgsm.errorRate
        ? ` Yet PGD, which takes ${r?.index.models.find((m) => m.id === 'mnist-maxout-adv')?.figures?.pgd?.steps ?? 'many'} small steps instead of one, still fools it ${percent(adv.pgd.errorRate)} of the time (first ${adv.pgdImages ?? '?'} test images): resisting one step is not the same as being robust.`
        : ` PGD, a stronger attack of many small steps, reaches ${percent(adv.pgd.errorRate)} (first ${adv.pgdImages ?? '?'} test images), so the gain holds up.`
      : '';

  return (
    <Figure
      id="harnessing"
      label="FGSM and random-noise error of maxout networks trained in different ways"
      figureRef={ref}
      status={live.status}
      error={live.status === 'error' ? live.message : undefined}
      notice={
        naive && adv ? (
          <>
            on the whole test set at ε = {EPS}, FGSM fools the naive network{' '}
            {percent(naive.fgsm?.errorRate)} of the time and the adversarially trained one{' '}
            {percent(adv.fgsm?.errorRate)}
            {noiseTrained.length > 0
              ? `; trained on noise of the same size instead, ${noiseTrained.map((f) => percent(f.rates.fgsm?.errorRate)).join(' and ')}`
              : ''}
            .{pgdNote}
          </>
        ) : (
          <>training on adversarial examples, not on noise, is what lowers the FGSM error.</>
        )
      }
      numbersCaption={`Live: the first ${IMAGES} MNIST test images, ε = ${EPS}, computed now by the engine`}
      numbers={
        r
          ? r.ids.flatMap((id) => [
              {
                label: `${id}, FGSM error (live)`,
                value: percent(errorOf(r.fgsm, id)),
                raw: errorOf(r.fgsm, id),
                testId: `hn-fgsm-${id}`,
              },
              {
                label: `${id}, random ±ε error (live)`,
                value: percent(errorOf(r.noise, id)),
                raw: errorOf(r.noise, id),
                testId: `hn-noise-${id}`,
              },
            ])
          : []
      }
      links={[
        { model: 'mnist-maxout-adv', image: 0, eps: EPS, attack: 'fgsm', view: 'image' },
        { model: 'mnist-maxout-adv', image: 0, eps: EPS, attack: 'pgd', view: 'image' },
      ]}
      extraLinks={
        lab ? (
          <p>
            <a href={lab} data-testid="training-lab-link">
              Train one yourself in the Training lab
            </a>
          </p>
        ) : null
      }
    >
      <Bars
        bars={bars}
        label={`Error rates on the first ${IMAGES} test images, computed now`}
        legend={[
          { series: 'fgsm', label: 'FGSM' },
          { series: 'noise', label: 'random ±ε, the same size' },
        ]}
      />
      {family.length > 0 && <HarnessingTable rows={family} />}
    </Figure>
  );
}
