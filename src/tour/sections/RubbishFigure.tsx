/**
 * Section 7: Gaussian noise shown to the maxout network and to the RBF network, computed now by
 * the engine (the paper's "rubbish class" experiment on fewer inputs), with both models' FGSM
 * figures on the test set from models/index.json.
 */
import { useMemo } from 'react';
import type { NoiseExample, RubbishExperimentResult } from '../../engine/api';
import type { ModelIndex } from '../../models/manifest';
import { Bars } from '../components/Bars';
import { Tile } from '../components/Canvases';
import { Figure } from '../components/Figure';
import { attackRates, findModel, percent } from '../logic/modelFigures';
import { useTourRuntime } from '../runtime/context';
import { useInView } from '../runtime/useInView';
import { shown, useLive } from '../runtime/useLive';
import { pct } from './format';

const MODELS = ['mnist-maxout', 'mnist-rbf'];
const COUNT = 500;
const SEED = 1;

interface Result {
  index: ModelIndex;
  rubbish: RubbishExperimentResult;
}

/** Noise leaves [0, 1]: shown rescaled from its own min..max to black..white. */
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

export function RubbishFigure() {
  const rt = useTourRuntime();
  const client = useMemo(() => rt.scoped(), [rt]);
  const [ref, visible] = useInView<HTMLElement>();
  const live = useLive<Result>(visible, 'rubbish', async (signal) => {
    const index = await rt.index();
    await Promise.all(MODELS.map((id) => rt.ensureModel(id)));
    const { result } = await client.runExperiment(
      { kind: 'rubbish', models: MODELS, count: COUNT, seed: SEED, top: 3 },
      { signal },
    );
    if (result.kind !== 'rubbish') throw new Error(`expected a rubbish result, got ${result.kind}`);
    return { index, rubbish: result };
  });
  const r = shown(live);
  const row = (id: string) => r?.rubbish.rows.find((x) => x.modelId === id);
  const maxout = row('mnist-maxout');
  const rbf = row('mnist-rbf');
  const ratesOf = (id: string) => {
    const model = r ? findModel(r.index, id) : null;
    return model ? attackRates(model, 0.25) : null;
  };
  const maxoutRates = ratesOf('mnist-maxout');
  const rbfRates = ratesOf('mnist-rbf');

  return (
    <Figure
      id="rubbish"
      label="Share of pure noise images that each model assigns to a digit with probability above one half"
      figureRef={ref}
      status={live.status}
      error={live.status === 'error' ? live.message : undefined}
      notice={
        maxout && rbf ? (
          <>
            the maxout network calls {pct(maxout.errorRate)} of these {COUNT} noise images a digit
            with more than 50% confidence (on average {pct(maxout.meanConfidenceOnMistakes)}); the
            RBF network calls {pct(rbf.errorRate)} of them anything. Its caution costs accuracy
            (clean test error {percent(rbfRates?.clean)} against {percent(maxoutRates?.clean)}), and
            FGSM still fools it {percent(rbfRates?.fgsm?.errorRate)} of the time, but with a mean
            confidence of only {percent(rbfRates?.fgsm?.meanConfidenceOnMistakes)} on its mistakes.
          </>
        ) : (
          <>which model is sure about pure noise.</>
        )
      }
      numbersCaption={`Live: ${COUNT} images of Gaussian noise N(0, 1), seed ${SEED}; FGSM figures (ε = 0.25, whole test set) from models/index.json`}
      numbers={
        maxout && rbf
          ? [
              {
                label: 'mnist-maxout: noise called a digit at p > 0.5',
                value: pct(maxout.errorRate),
                raw: maxout.errorRate,
                testId: 'rb-maxout',
              },
              {
                label: 'mnist-maxout: mean confidence on those',
                value: pct(maxout.meanConfidenceOnMistakes),
                raw: maxout.meanConfidenceOnMistakes,
                testId: 'rb-maxout-conf',
              },
              {
                label: 'mnist-rbf: noise called a digit at p > 0.5',
                value: pct(rbf.errorRate),
                raw: rbf.errorRate,
                testId: 'rb-rbf',
              },
              {
                label: 'mnist-rbf: FGSM test error',
                value: percent(rbfRates?.fgsm?.errorRate),
                raw: rbfRates?.fgsm?.errorRate ?? null,
                testId: 'rb-rbf-fgsm',
              },
              {
                label: 'mnist-rbf: mean confidence on FGSM mistakes',
                value: percent(rbfRates?.fgsm?.meanConfidenceOnMistakes),
                raw: rbfRates?.fgsm?.meanConfidenceOnMistakes ?? null,
                testId: 'rb-rbf-fgsm-conf',
              },
            ]
          : []
      }
      links={[
        { model: 'mnist-rbf', image: 0, eps: 0.25, attack: 'fgsm', view: 'image' },
        { model: 'mnist-rbf', view: 'experiments' },
      ]}
    >
      <Bars
        label={`Noise images given p > 0.5, computed now on ${COUNT}`}
        bars={(r?.rubbish.rows ?? []).map((x) => ({
          label: x.modelId,
          rate: x.errorRate,
          series: 'fgsm',
          testId: `rb-bar-${x.modelId}`,
        }))}
      />
      {maxout && r && (
        <div className="tour-tiles">
          {maxout.examples.map((e) => (
            <Tile
              key={e.index}
              title={`noise #${e.index}`}
              image={rescaled(e, r.rubbish.shape)}
              line={`“${e.predictedClass}” at ${pct(e.confidence)}`}
              alt={`Gaussian noise that mnist-maxout calls ${e.predictedClass} with ${pct(e.confidence)} confidence`}
              testId={`rb-example-${e.index}`}
              size={84}
            />
          ))}
        </div>
      )}
    </Figure>
  );
}
