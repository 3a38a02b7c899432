/**
 * Log-log chart of section 1: how far the score moves as n grows, for the worst-case sign
 * perturbation (a line of slope 1), for random signs (slope ½), and how far one input moves
 * (flat at ε). Drawn from the numbers it is given; a table beside it carries the same numbers.
 */
import { scaleLog } from 'd3';
import type { CurvePoint, DotProductNumbers } from '../logic/dotProduct';
import { MAX_DIMENSION, MIN_DIMENSION } from '../logic/dotProduct';

const W = 520;
const H = 260;
const M = { top: 12, right: 124, bottom: 40, left: 56 };

function path(points: readonly [number, number][]): string {
  return points
    .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`)
    .join('');
}

export function DotProductChart({
  curve,
  at,
}: {
  curve: readonly CurvePoint[];
  at: DotProductNumbers;
}) {
  const eps = Math.max(at.eps, 1e-4);
  const top = Math.max(1, ...curve.map((c) => c.adversarial));
  const x = scaleLog()
    .domain([MIN_DIMENSION, MAX_DIMENSION])
    .range([M.left, W - M.right]);
  const y = scaleLog()
    .domain([Math.min(eps, 0.1 * eps * Math.sqrt(MIN_DIMENSION)) / 2, top * 2])
    .range([H - M.bottom, M.top])
    .clamp(true);
  const adversarial = curve.map(
    (c) => [x(c.n), y(Math.max(c.adversarial, 1e-9))] as [number, number],
  );
  const random = curve.map((c) => [x(c.n), y(Math.max(c.randomTypical, 1e-9))] as [number, number]);
  const flat = y(eps);
  const xTicks = [10, 100, 1000, 10000, 100000];
  const yTicks = y.ticks(5).filter((t) => Number.isInteger(Math.log10(t)));
  const last = curve[curve.length - 1];
  return (
    <svg
      className="tour-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Log-log chart: the sign perturbation moves the score by ${at.adversarialBound.toFixed(2)} at n = ${at.n}, random signs by about ${at.randomTypical.toFixed(2)}, one input by ${at.eps}.`}
      data-testid="dot-chart"
    >
      <g className="tour-chart__grid" aria-hidden="true">
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} />
            <text x={x(t)} y={H - M.bottom + 16} textAnchor="middle">
              {t.toLocaleString('en')}
            </text>
          </g>
        ))}
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end">
              {t >= 1 ? t.toLocaleString('en') : t}
            </text>
          </g>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">
          n, the number of inputs
        </text>
      </g>
      <path className="tour-chart__adv" d={path(adversarial)} />
      <path className="tour-chart__rand" d={path(random)} />
      <line className="tour-chart__eps" x1={M.left} x2={W - M.right} y1={flat} y2={flat} />
      {last && (
        <g className="tour-chart__labels" aria-hidden="true">
          <text className="tour-chart__adv-label" x={W - M.right + 6} y={y(last.adversarial) + 4}>
            sign(w): ε‖w‖₁
          </text>
          <text
            className="tour-chart__rand-label"
            x={W - M.right + 6}
            y={y(last.randomTypical) + 4}
          >
            random: ≈ ε‖w‖₂
          </text>
          <text className="tour-chart__eps-label" x={W - M.right + 6} y={flat + 4}>
            one input: ε
          </text>
        </g>
      )}
      <line
        className="tour-chart__marker"
        x1={x(at.n)}
        x2={x(at.n)}
        y1={M.top}
        y2={H - M.bottom}
        aria-hidden="true"
      />
      <circle
        className="tour-chart__adv-dot"
        cx={x(at.n)}
        cy={y(Math.max(at.adversarialBound, 1e-9))}
        r={4}
      />
      <circle
        className="tour-chart__rand-dot"
        cx={x(at.n)}
        cy={y(Math.max(at.randomTypical, 1e-9))}
        r={4}
      />
    </svg>
  );
}
