/**
 * Section 1 on a real model: the shipped logistic regression (3 versus 7) is one weight vector w
 * over 784 pixels, so FGSM is exactly η = ±ε·sign(w) and must move its score z by ε·‖w‖₁. The
 * engine computes the attack twice: with pixels free to leave [0, 1] (the closed form holds to
 * float32 precision) and clipped to [0, 1] as the explorer does.
 */
import { useMemo, useState } from 'react';
import type { AttackResult, ImageData01, LayerWeights } from '../../engine/api';
import { signToRgba } from '../../shared/colormaps';
import { Slider } from '../../ui/Slider';
import { RgbaCanvas, Tile } from '../components/Canvases';
import { Figure } from '../components/Figure';
import { useTourRuntime } from '../runtime/context';
import { useInView } from '../runtime/useInView';
import { shown, useLive } from '../runtime/useLive';
import { num, verdict } from './format';

const MODEL = 'mnist-logreg-3v7';
const IMAGE = 0;
/** wide enough that no pixel is ever clipped: the unclipped attack of the closed form */
const NO_CLIP: [number, number] = [-1000, 1000];

interface Result {
  names: string[];
  image: ImageData01;
  weights: LayerWeights;
  l1: number;
  free: AttackResult;
  clipped: AttackResult;
}

/** z of a binary-logit model, whose logits the engine reports as [0, z] */
const zOf = (logits: Float32Array) => (logits[1] ?? 0) - (logits[0] ?? 0);

export function FirstLayerFigure() {
  const rt = useTourRuntime();
  const client = useMemo(() => rt.scoped(), [rt]);
  const [ref, visible] = useInView<HTMLElement>();
  const [eps, setEps] = useState(0.1);
  const live = useLive<Result>(visible, String(eps), async (signal) => {
    await rt.ensureModel(MODEL);
    const [manifest, test, weights] = await Promise.all([
      rt.manifest(MODEL),
      rt.testImage('mnist', IMAGE),
      client.firstLayerWeights(MODEL, { signal }),
    ]);
    const trueLabel = manifest.classNames.indexOf(test.className);
    const params = { mode: 'fgsm' as const, eps, labelSource: 'true' as const, trueLabel };
    const free = await client.attack(MODEL, test.image, { ...params, clip: NO_CLIP }, { signal });
    const clipped = await client.attack(MODEL, test.image, params, { signal });
    let l1 = 0;
    for (const w of weights.data) l1 += Math.abs(w);
    return {
      names: manifest.classNames,
      image: test.image,
      weights,
      l1,
      free: free.result,
      clipped: clipped.result,
    };
  });
  const r = shown(live);
  const signRgba = useMemo(() => (r ? signToRgba(r.weights.data) : null), [r]);

  const z0 = r ? zOf(r.free.clean.logits) : 0;
  const dFree = r ? zOf(r.free.attacked.logits) - z0 : 0;
  const dClip = r ? zOf(r.clipped.attacked.logits) - z0 : 0;
  const bound = r ? eps * r.l1 : 0;
  const names = r?.names ?? [];
  const clean = r?.clipped.clean;
  const after = r?.clipped.attacked;

  return (
    <Figure
      id="first-layer"
      label="FGSM on the shipped logistic regression: the score moves by epsilon times the L1 norm of w"
      figureRef={ref}
      status={live.status}
      error={live.status === 'error' ? live.message : undefined}
      controls={
        <Slider
          label={`ε = ${eps}`}
          value={eps}
          min={0}
          max={0.3}
          step={0.005}
          onChange={setEps}
          testId="first-layer-eps"
        />
      }
      notice={
        r && clean && after ? (
          <>
            with pixels free to leave [0, 1], the engine&apos;s attack moved the score z by{' '}
            {num(Math.abs(dFree), 3)}: ε·‖w‖₁ = {num(bound, 3)}, as the arithmetic says. Kept inside
            [0, 1] it moves by only {num(Math.abs(dClip), 3)} (black background cannot get any
            darker), and the model now says {verdict(names, after.predictedClass, after.confidence)}{' '}
            where it said {verdict(names, clean.predictedClass, clean.confidence)}.
          </>
        ) : (
          <>the score moves by exactly ε·‖w‖₁ when no pixel is held back by the [0, 1] range.</>
        )
      }
      numbersCaption={`${MODEL} (784 weights, one score z; p(7) = sigmoid(z)) on test image ${IMAGE}`}
      numbers={
        r
          ? [
              { label: '‖w‖₁ of the 784 weights', value: num(r.l1, 3), raw: r.l1, testId: 'fl-l1' },
              { label: 'ε·‖w‖₁', value: num(bound, 3), raw: bound, testId: 'fl-bound' },
              { label: 'z before the attack', value: num(z0, 3), raw: z0, testId: 'fl-z0' },
              {
                label: 'change of z, pixels unclipped',
                value: num(dFree, 3),
                raw: dFree,
                testId: 'fl-dz-free',
              },
              {
                label: 'change of z, pixels kept in [0, 1]',
                value: num(dClip, 3),
                raw: dClip,
                testId: 'fl-dz-clip',
              },
              {
                label: 'prediction after the clipped attack',
                value: after ? verdict(names, after.predictedClass, after.confidence) : '—',
                raw: after?.predictedClass ?? null,
                testId: 'fl-after',
              },
            ]
          : []
      }
      links={[{ model: MODEL, image: IMAGE, eps, attack: 'fgsm', view: 'image' }]}
    >
      <div className="tour-tiles">
        <Tile
          title="x, the test image"
          image={r?.image ?? null}
          line={clean ? verdict(names, clean.predictedClass, clean.confidence) : '…'}
          alt={`Test image ${IMAGE}, a handwritten 7`}
          testId="fl-clean"
        />
        <div className="tour-tile">
          <span className="tour-tile__title">sign(w)</span>
          {signRgba && r ? (
            <RgbaCanvas
              rgba={signRgba}
              width={r.weights.imageShape[1]}
              height={r.weights.imageShape[0]}
              size={112}
              alt="The sign of each weight as a 28 by 28 picture: red where a brighter pixel pushes toward 7, blue toward 3"
              testId="fl-sign"
            />
          ) : (
            <div className="tour-tile__empty" style={{ width: 112, height: 112 }} />
          )}
          <span className="tour-tile__line">red: toward 7 · blue: toward 3</span>
        </div>
        <Tile
          title={`x + ε·sign(∇), ε = ${eps}`}
          image={r?.clipped.adversarial ?? null}
          line={after ? verdict(names, after.predictedClass, after.confidence) : '…'}
          alt={`The same 7 after the clipped attack at ε = ${eps}; ${after ? `the model says ${verdict(names, after.predictedClass, after.confidence)}` : ''}`}
          testId="fl-adv"
        />
      </div>
    </Figure>
  );
}
