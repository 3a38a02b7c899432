import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '../../shared/limits';

export interface SweepRangeFormProps {
  epsMax: number;
  points: number;
  onRangeChange: (epsMax: number, points: number) => void;
}

/** Eps range and number of points, applied together (each change is a new engine call). */
export function SweepRangeForm({ epsMax, points, onRangeChange }: SweepRangeFormProps) {
  const id = useId();
  const [epsText, setEpsText] = useState(String(epsMax));
  const [pointsText, setPointsText] = useState(String(points));
  const [problem, setProblem] = useState<string | null>(null);
  const [epsLo, epsHi] = LIMITS.sweep.epsMax;
  const [pointsLo, pointsHi] = LIMITS.sweep.points;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const eps = Number(epsText);
    const n = Number(pointsText);
    if (!Number.isFinite(eps) || eps < epsLo || eps > epsHi) {
      setProblem(`eps max must be between ${epsLo} and ${epsHi}`);
    } else if (!Number.isInteger(n) || n < pointsLo || n > pointsHi) {
      setProblem(`points must be a whole number from ${pointsLo} to ${pointsHi}`);
    } else {
      setProblem(null);
      if (eps !== epsMax || n !== points) onRangeChange(eps, n);
    }
  };

  return (
    <form className="sweep-view__range" onSubmit={submit} aria-label="Sweep range">
      <label htmlFor={`${id}-eps`}>eps max</label>
      <input
        id={`${id}-eps`}
        type="number"
        min={epsLo}
        max={epsHi}
        step="any"
        value={epsText}
        onChange={(e) => setEpsText(e.target.value)}
        data-testid="sweep-eps-max"
      />
      <label htmlFor={`${id}-points`}>points</label>
      <input
        id={`${id}-points`}
        type="number"
        min={pointsLo}
        max={pointsHi}
        step={1}
        value={pointsText}
        onChange={(e) => setPointsText(e.target.value)}
        data-testid="sweep-points"
      />
      <button type="submit" data-testid="sweep-apply">
        Apply
      </button>
      {problem && (
        <span role="alert" className="sweep-view__problem">
          {problem}
        </span>
      )}
    </form>
  );
}
