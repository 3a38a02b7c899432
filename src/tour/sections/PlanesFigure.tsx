/**
 * Section 4: two class maps around one digit, both computed by the engine: the explorer's
 * cross-section (FGSM direction × a random one) and the control, a plane of two random
 * directions (its cells classified with predict). Same ±ε box, same model, same colours.
 */
import { useMemo, useState } from 'react';
import type { CrossSectionResult, ImageData01 } from '../../engine/api';
import type { ModelManifest } from '../../models/manifest';
import { classColor, classMapToRgba, rgbToHex } from '../../shared/colormaps';
import { RgbaCanvas } from '../components/Canvases';
import { Figure } from '../components/Figure';
import { mapFacts, type MapFacts } from '../../shared/mapFacts';
import { planeCells, randomPlane } from '../logic/planes';
import { useTourRuntime } from '../runtime/context';
import { useInView } from '../runtime/useInView';
import { shown, useLive } from '../runtime/useLive';
import { num, pct } from './format';

const MODEL = 'mnist-maxout';
/** the explorer's default half-width for MNIST maps (the end of its ε slider) */
const EPS_MAX = 0.5;
const RESOLUTION = 32;
/** seed of the explorer's random direction (its default) and of the control plane */
const MAP_SEED = 0;
const PLANE_SEED = 1;
const ROWS_PER_CALL = 8;
const IMAGES = [0, 1, 2, 3, 4];

interface Result {
  manifest: ModelManifest;
  correct: number;
  adversarial: CrossSectionResult;
  random: Int32Array;
}

async function randomMap(
  predict: (cells: ImageData01[]) => Promise<Int32Array>,
  image: ImageData01,
): Promise<Int32Array> {
  const plane = randomPlane(image.data.length, PLANE_SEED);
  const out = new Int32Array(RESOLUTION * RESOLUTION);
  for (let row = 0; row < RESOLUTION; row += ROWS_PER_CALL) {
    const rows: [number, number] = [row, Math.min(RESOLUTION, row + ROWS_PER_CALL)];
    out.set(await predict(planeCells(image, plane, EPS_MAX, RESOLUTION, rows)), row * RESOLUTION);
  }
  return out;
}

function Map({
  title,
  classes,
  correct,
  alt,
  testId,
}: {
  title: string;
  classes: Int32Array;
  correct: number;
  alt: string;
  testId: string;
}) {
  const rgba = useMemo(() => classMapToRgba(classes, correct), [classes, correct]);
  return (
    <div className="tour-map" data-testid={testId} data-classes={classes.join(',')}>
      <span className="tour-tile__title">{title}</span>
      <div className="tour-map__frame">
        <RgbaCanvas
          rgba={rgba}
          width={RESOLUTION}
          height={RESOLUTION}
          size={192}
          maxVw={42}
          alt={alt}
        />
      </div>
    </div>
  );
}

export function PlanesFigure() {
  const rt = useTourRuntime();
  const client = useMemo(() => rt.scoped(), [rt]);
  const [ref, visible] = useInView<HTMLElement>();
  const [image, setImage] = useState(0);
  const live = useLive<Result>(visible, String(image), async (signal) => {
    await rt.ensureModel(MODEL);
    const [manifest, test] = await Promise.all([rt.manifest(MODEL), rt.testImage('mnist', image)]);
    const correct = manifest.classNames.indexOf(test.className);
    const adversarial = await client.crossSection(
      MODEL,
      test.image,
      {
        epsMax: EPS_MAX,
        resolution: RESOLUTION,
        seed: MAP_SEED,
        labelSource: 'true',
        trueLabel: correct,
        clip: [0, 1],
      },
      { signal },
    );
    const predict = async (cells: ImageData01[]) => {
      const { result } = await client.predict(MODEL, cells, { signal });
      return Int32Array.from(result, (p) => p.predictedClass);
    };
    return {
      manifest,
      correct,
      adversarial: adversarial.result,
      random: await randomMap(predict, test.image),
    };
  });
  const r = shown(live);
  const adv: MapFacts | null = useMemo(
    () => (r ? mapFacts(r.adversarial.predictedClass, RESOLUTION, EPS_MAX, r.correct) : null),
    [r],
  );
  const rnd: MapFacts | null = useMemo(
    () => (r ? mapFacts(r.random, RESOLUTION, EPS_MAX, r.correct) : null),
    [r],
  );
  const names = r?.manifest.classNames ?? [];
  const correctName = r ? (names[r.correct] ?? '') : '';
  const present = useMemo(() => {
    if (!r) return [];
    const seen = new Set<number>([...r.adversarial.predictedClass, ...r.random]);
    return [...seen].sort((a, b) => a - b);
  }, [r]);

  return (
    <Figure
      id="planes"
      label="Class maps around one digit: adversarial by random directions, and random by random"
      figureRef={ref}
      status={live.status}
      error={live.status === 'error' ? live.message : undefined}
      controls={
        <div className="tour-landmarks" role="group" aria-label="Test image">
          {IMAGES.map((i) => (
            <button
              key={i}
              type="button"
              aria-pressed={image === i}
              onClick={() => setImage(i)}
              data-testid={`pl-image-${i}`}
            >
              test image {i}
            </button>
          ))}
        </div>
      }
      notice={
        adv && rnd ? (
          <>
            moving right, along the gradient sign, {pct(adv.rowsFlipping, 0)} of the rows leave the{' '}
            {correctName}
            {adv.medianFlip === null ? '' : ` (half of them by ε = ${num(adv.medianFlip, 3)})`},
            whatever the random offset: the wrong classes fill a broad region on one side. The
            nearest wrong cell is {adv.nearestWrong === null ? 'nowhere' : num(adv.nearestWrong, 3)}{' '}
            away in this map, but{' '}
            {rnd.nearestWrong === null ? `beyond ${EPS_MAX}` : num(rnd.nearestWrong, 3)} away in the
            plane of two random directions.
          </>
        ) : (
          <>which side of each map the colour is on.</>
        )
      }
      numbersCaption={`${MODEL}, test image ${image}, both axes from −${EPS_MAX} to +${EPS_MAX}, ${RESOLUTION}×${RESOLUTION} cells, pixels kept in [0, 1]`}
      numbers={
        adv && rnd
          ? [
              {
                label: 'FGSM × random: cells not classified correctly',
                value: pct(adv.wrongShare),
                raw: adv.wrongShare,
                testId: 'pl-adv-wrong',
              },
              {
                label: 'FGSM × random: the same, right half only (ε > 0)',
                value: pct(adv.wrongShareRight),
                raw: adv.wrongShareRight,
                testId: 'pl-adv-right',
              },
              {
                label: 'rows that change class moving right',
                value: pct(adv.rowsFlipping),
                raw: adv.rowsFlipping,
                testId: 'pl-adv-rows',
              },
              {
                label: 'median ε where they change',
                value: adv.medianFlip === null ? '—' : num(adv.medianFlip, 3),
                raw: adv.medianFlip,
                testId: 'pl-adv-median',
              },
              {
                label: 'FGSM × random: distance (max-norm) of the nearest wrong cell',
                value: adv.nearestWrong === null ? 'none' : num(adv.nearestWrong, 3),
                raw: adv.nearestWrong,
                testId: 'pl-adv-nearest',
              },
              {
                label: 'random × random: cells not classified correctly',
                value: pct(rnd.wrongShare),
                raw: rnd.wrongShare,
                testId: 'pl-rnd-wrong',
              },
              {
                label: 'random × random: distance of the nearest wrong cell',
                value: rnd.nearestWrong === null ? 'none' : num(rnd.nearestWrong, 3),
                raw: rnd.nearestWrong,
                testId: 'pl-rnd-nearest',
              },
            ]
          : []
      }
      links={[
        { model: MODEL, image, view: 'cross-section', mapRes: RESOLUTION, mapSeed: MAP_SEED },
      ]}
    >
      {r ? (
        <>
          <div className="tour-tiles">
            <Map
              title="FGSM → × random ↑"
              classes={r.adversarial.predictedClass}
              correct={r.correct}
              alt={`Class map along the FGSM direction (left to right) and a random direction (bottom to top): ${adv ? pct(adv.wrongShare) : ''} of the cells are not ${correctName}`}
              testId="pl-adv-map"
            />
            <Map
              title="random → × random ↑"
              classes={r.random}
              correct={r.correct}
              alt={`Class map along two random directions: ${rnd ? pct(rnd.wrongShare) : ''} of the cells are not ${correctName}`}
              testId="pl-rnd-map"
            />
          </div>
          <p className="ae-muted tour-small">
            The test image sits at the centre of each map; each axis runs from −{EPS_MAX} to +
            {EPS_MAX}.
          </p>
          <ul className="tour-legend" aria-label="Colours">
            {present.map((c) => (
              <li key={c}>
                <span
                  className="tour-legend__swatch"
                  style={{ background: rgbToHex(classColor(c, r.correct)) }}
                />
                {names[c] ?? c}
                {c === r.correct ? ' (correct: white)' : ''}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <div className="tour-tile__empty" style={{ width: 192, height: 192 }} />
      )}
    </Figure>
  );
}
