/**
 * Section 1's interactive dot product: sliders for n and ε, the sums computed here (exact
 * arithmetic in float64, src/tour/logic/dotProduct.ts), a log-log chart and the numbers.
 */
import { useMemo, useRef, useState } from 'react';
import { Slider } from '../../ui/Slider';
import { Figure } from '../components/Figure';
import {
  DIMENSION_SLIDER_STEPS,
  LANDMARK_DIMENSIONS,
  curveDimensions,
  demoVectors,
  dimensionAt,
  dotProductCurve,
  dotProductNumbers,
  positionOf,
} from '../logic/dotProduct';
import { DotProductChart } from './DotProductChart';

const fmt = (x: number, digits = 2) =>
  x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function DotProductFigure() {
  const ref = useRef<HTMLElement>(null);
  const vectors = useMemo(() => demoVectors(), []);
  const ns = useMemo(() => curveDimensions(64), []);
  const [position, setPosition] = useState(() => positionOf(784));
  const [eps, setEps] = useState(0.1);
  const n = dimensionAt(position);
  const r = useMemo(() => dotProductNumbers(vectors, n, eps), [vectors, n, eps]);
  const curve = useMemo(() => dotProductCurve(vectors, eps, ns), [vectors, eps, ns]);
  const ratio = r.randomTypical > 0 ? r.adversarialBound / r.randomTypical : 0;

  const controls = (
    <>
      <Slider
        label={`Number of inputs n = ${n.toLocaleString('en')}`}
        value={position}
        min={0}
        max={DIMENSION_SLIDER_STEPS}
        step={1}
        onChange={setPosition}
        valueText={`n = ${n.toLocaleString('en')}`}
        testId="dot-n"
      />
      <div className="tour-landmarks" role="group" aria-label="Jump to an input size">
        {LANDMARK_DIMENSIONS.map((l) => (
          <button
            key={l.n}
            type="button"
            aria-pressed={n === l.n}
            onClick={() => setPosition(positionOf(l.n))}
            data-testid={`dot-landmark-${l.n}`}
          >
            {l.n.toLocaleString('en')}
            {l.label !== String(l.n) && <span className="ae-muted"> · {l.label}</span>}
          </button>
        ))}
      </div>
      <Slider
        label={`Largest change of one input ε = ${eps}`}
        value={eps}
        min={0}
        max={0.5}
        step={0.001}
        onChange={setEps}
        valueText={`ε = ${eps}`}
        testId="dot-eps"
      />
    </>
  );

  return (
    <Figure
      id="dot-product"
      label="The change of a linear score under a perturbation of max-norm ε, as n grows"
      figureRef={ref}
      status="done"
      controls={controls}
      notice={
        <>
          every input moves by at most {eps}, yet pointing each move along sign(w) shifts the score
          by {fmt(r.adversarialBound)}, about {fmt(ratio, 0)} times what random signs of the same
          size typically do ({fmt(r.randomTypical)}). Make n a hundred times larger and that gap
          grows about ten times: the worst case grows like n, the random one like √n.
        </>
      }
      numbersCaption={`w has n = ${n.toLocaleString('en')} entries drawn uniformly from (−1, 1); η changes each input by at most ε`}
      numbers={[
        { label: 'n', value: n.toLocaleString('en'), raw: n, testId: 'dot-value-n' },
        {
          label: 'ε = ‖η‖∞, the most any one input moves',
          value: String(eps),
          raw: eps,
          testId: 'dot-value-eps',
        },
        {
          label: 'mean |wᵢ|',
          value: fmt(r.meanAbsWeight, 4),
          raw: r.meanAbsWeight,
          testId: 'dot-value-mean',
        },
        { label: '‖w‖₁ = Σ|wᵢ|', value: fmt(r.l1), raw: r.l1, testId: 'dot-value-l1' },
        {
          label: 'w·η for η = ε·sign(w), summed term by term',
          value: fmt(r.adversarialChange),
          raw: r.adversarialChange,
          testId: 'dot-value-adv',
        },
        {
          label: 'ε·‖w‖₁',
          value: `${eps} × ${fmt(r.l1)} = ${fmt(r.adversarialBound)}`,
          raw: r.adversarialBound,
          testId: 'dot-value-bound',
        },
        {
          label: 'w·η for random signs ±ε (one draw)',
          value: fmt(r.randomChange),
          raw: r.randomChange,
          testId: 'dot-value-random',
        },
        {
          label: 'typical size of that: ε·‖w‖₂',
          value: fmt(r.randomTypical),
          raw: r.randomTypical,
          testId: 'dot-value-typical',
        },
      ]}
    >
      <DotProductChart curve={curve} at={r} />
    </Figure>
  );
}
