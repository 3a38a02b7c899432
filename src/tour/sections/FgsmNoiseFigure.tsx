/**
 * Section 2: the same digit, FGSM against random ±ε signs of the same max-norm, computed by the
 * engine; beside it the error rates both reach on the whole test set, read from
 * models/index.json.
 */
import { useMemo, useState } from 'react';
import type { AttackMode, AttackResult, ImageData01 } from '../../engine/api';
import type { ModelManifest } from '../../models/manifest';
import { Slider } from '../../ui/Slider';
import { Tile } from '../components/Canvases';
import { Figure } from '../components/Figure';
import { attackRates, percent } from '../logic/modelFigures';
import { useTourRuntime } from '../runtime/context';
import { useInView } from '../runtime/useInView';
import { shown, useLive } from '../runtime/useLive';
import { verdict } from './format';

const MODEL = 'mnist-maxout';
/** the paper's ε for MNIST: where models/index.json has the test-set figures */
const PAPER_EPS = 0.25;
const IMAGES = [0, 1, 2, 3, 4];

interface Result {
  manifest: ModelManifest;
  image: ImageData01;
  fgsm: AttackResult;
  noise: AttackResult;
}

export function FgsmNoiseFigure() {
  const rt = useTourRuntime();
  const client = useMemo(() => rt.scoped(), [rt]);
  const [ref, visible] = useInView<HTMLElement>();
  const [eps, setEps] = useState(PAPER_EPS);
  const [image, setImage] = useState(0);
  const live = useLive<Result>(visible, `${eps}:${image}`, async (signal) => {
    await rt.ensureModel(MODEL);
    const [manifest, test] = await Promise.all([rt.manifest(MODEL), rt.testImage('mnist', image)]);
    const trueLabel = manifest.classNames.indexOf(test.className);
    const run = (mode: AttackMode) =>
      client.attack(
        MODEL,
        test.image,
        { mode, eps, labelSource: 'true', trueLabel, seed: 0 },
        { signal },
      );
    const fgsm = await run('fgsm');
    const noise = await run('random-sign');
    return { manifest, image: test.image, fgsm: fgsm.result, noise: noise.result };
  });
  const r = shown(live);
  const names = r?.manifest.classNames ?? [];
  const rates = r ? attackRates(r.manifest, PAPER_EPS) : null;
  const clean = r?.fgsm.clean;
  const adv = r?.fgsm.attacked;
  const noisy = r?.noise.attacked;
  const say = (p: typeof clean) => (p ? verdict(names, p.predictedClass, p.confidence) : '…');

  return (
    <Figure
      id="fgsm-noise"
      label="One digit with an FGSM perturbation and with random sign noise of the same size"
      figureRef={ref}
      status={live.status}
      error={live.status === 'error' ? live.message : undefined}
      controls={
        <>
          <Slider
            label={`ε = ${eps}`}
            value={eps}
            min={0}
            max={0.5}
            step={0.005}
            onChange={setEps}
            testId="fn-eps"
          />
          <div className="tour-landmarks" role="group" aria-label="Test image">
            {IMAGES.map((i) => (
              <button
                key={i}
                type="button"
                aria-pressed={image === i}
                onClick={() => setImage(i)}
                data-testid={`fn-image-${i}`}
              >
                test image {i}
              </button>
            ))}
          </div>
        </>
      }
      notice={
        r && clean && adv && noisy ? (
          <>
            both perturbations move every pixel by at most {r.fgsm.linfNorm.toFixed(3)}. The
            gradient sign turns the model&apos;s {say(clean)} into {say(adv)}; random signs leave{' '}
            {say(noisy)}. Over all {rates?.testImages.toLocaleString('en') ?? ''} test images at ε ={' '}
            {PAPER_EPS}, FGSM fools this network {percent(rates?.fgsm?.errorRate)} of the time and
            the same amount of random noise {percent(rates?.randomSign?.errorRate)}.
          </>
        ) : (
          <>the direction of a perturbation matters far more than its size.</>
        )
      }
      numbersCaption={`${MODEL}, test image ${image}, ε = ${eps}; test-set rates at ε = ${PAPER_EPS} from models/index.json`}
      numbers={
        r
          ? [
              {
                label: 'clean',
                value: say(clean),
                raw: clean?.predictedClass ?? null,
                testId: 'fn-clean',
              },
              {
                label: 'FGSM',
                value: say(adv),
                raw: adv?.predictedClass ?? null,
                testId: 'fn-fgsm',
              },
              {
                label: 'random ±ε signs',
                value: say(noisy),
                raw: noisy?.predictedClass ?? null,
                testId: 'fn-noise',
              },
              {
                label: 'largest pixel change, FGSM',
                value: r.fgsm.linfNorm.toFixed(4),
                raw: r.fgsm.linfNorm,
                testId: 'fn-linf-fgsm',
              },
              {
                label: 'largest pixel change, noise',
                value: r.noise.linfNorm.toFixed(4),
                raw: r.noise.linfNorm,
                testId: 'fn-linf-noise',
              },
              {
                label: `test error, clean`,
                value: percent(rates?.clean),
                raw: rates?.clean ?? null,
                testId: 'fn-rate-clean',
              },
              {
                label: `test error, FGSM ε = ${PAPER_EPS}`,
                value: percent(rates?.fgsm?.errorRate),
                raw: rates?.fgsm?.errorRate ?? null,
                testId: 'fn-rate-fgsm',
              },
              {
                label: `test error, random ±ε, ε = ${PAPER_EPS}`,
                value: percent(rates?.randomSign?.errorRate),
                raw: rates?.randomSign?.errorRate ?? null,
                testId: 'fn-rate-noise',
              },
              {
                label: `test error, uniform U(−ε, ε), ε = ${PAPER_EPS}`,
                value: percent(rates?.uniform?.errorRate),
                raw: rates?.uniform?.errorRate ?? null,
                testId: 'fn-rate-uniform',
              },
            ]
          : []
      }
      links={[
        { model: MODEL, image, eps, attack: 'fgsm', view: 'image' },
        { model: MODEL, image, eps, attack: 'random-sign', view: 'image' },
      ]}
    >
      <div className="tour-tiles">
        <Tile
          title="clean"
          image={r?.image ?? null}
          line={say(clean)}
          alt={`Test image ${image}; the model says ${say(clean)}`}
          testId="fn-tile-clean"
        />
        <Tile
          title={`FGSM, ε = ${eps}`}
          image={r?.fgsm.adversarial ?? null}
          line={say(adv)}
          alt={`The image plus epsilon times the gradient sign; the model says ${say(adv)}`}
          testId="fn-tile-fgsm"
        />
        <Tile
          title={`random ±${eps}`}
          image={r?.noise.adversarial ?? null}
          line={say(noisy)}
          alt={`The image plus random signs of the same size; the model says ${say(noisy)}`}
          testId="fn-tile-noise"
        />
      </div>
    </Figure>
  );
}
