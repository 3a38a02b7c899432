import { useId } from 'react';
import './ui.css';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
}

export interface SelectProps<T extends string> {
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange(value: T): void;
  hideLabel?: boolean;
  disabled?: boolean;
  testId?: string;
}

/** A labelled native select (keyboard and screen readers for free). */
export function Select<T extends string>({
  label,
  value,
  options,
  onChange,
  hideLabel,
  disabled,
  testId,
}: SelectProps<T>) {
  const id = useId();
  return (
    <span className="ae-field ae-select">
      <label htmlFor={id} className={hideLabel ? 'ae-visually-hidden' : undefined}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const chosen = options.find((o) => o.value === e.currentTarget.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}
