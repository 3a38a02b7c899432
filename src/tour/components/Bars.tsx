/** Horizontal bars of rates in [0, 1], labelled with their value: a chart that is also text. */
export interface Bar {
  label: string;
  rate: number;
  /** a CSS class naming its series (colour) */
  series: string;
  testId: string;
}

export interface BarsProps {
  bars: readonly Bar[];
  label: string;
  /** what each series' colour means */
  legend?: readonly { series: string; label: string }[];
}

export function Bars({ bars, label, legend }: BarsProps) {
  return (
    <div className="tour-bars-block">
      <p className="tour-bars__title">{label}</p>
      {legend && (
        <ul className="tour-legend" aria-hidden="true">
          {legend.map((l) => (
            <li key={l.series} className={`tour-bars__row--${l.series}`}>
              <span className="tour-legend__swatch tour-bars__fill" />
              {l.label}
            </li>
          ))}
        </ul>
      )}
      <ul className="tour-bars" aria-label={label}>
        {bars.map((b) => (
          <li key={b.testId} className={`tour-bars__row tour-bars__row--${b.series}`}>
            <span className="tour-bars__label">{b.label}</span>
            <span className="tour-bars__track" aria-hidden="true">
              <span
                className="tour-bars__fill"
                style={{ width: `${(100 * b.rate).toFixed(1)}%` }}
              />
            </span>
            <span className="tour-bars__value" data-testid={b.testId} data-value={b.rate}>
              {(100 * b.rate).toFixed(1)}%
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
