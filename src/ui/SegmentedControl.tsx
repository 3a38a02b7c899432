import { useId } from 'react';
import './ui.css';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
  /** longer explanation, shown as a tooltip and read by screen readers */
  description?: string;
}

export interface SegmentedControlProps<T extends string> {
  legend: string;
  value: T;
  options: readonly SegmentedOption<T>[];
  onChange(value: T): void;
  testId?: string;
  /** shown but not choosable (kept in place so the layout does not jump); `title` says why */
  disabled?: boolean;
  title?: string;
}

/** A radio group drawn as joined buttons; arrow keys move between options as radios do. */
export function SegmentedControl<T extends string>({
  legend,
  value,
  options,
  onChange,
  testId,
  disabled,
  title,
}: SegmentedControlProps<T>) {
  const name = useId();
  return (
    <fieldset className="ae-segmented" data-testid={testId} disabled={disabled} title={title}>
      <legend>{legend}</legend>
      <div className="ae-segmented__options">
        {options.map((o) => (
          <label key={o.value} title={o.description}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              data-testid={testId ? `${testId}-${o.value}` : undefined}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
