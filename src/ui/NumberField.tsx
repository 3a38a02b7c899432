import { useId, useState } from 'react';
import './ui.css';

export interface NumberFieldProps {
  label: string;
  value: number;
  min?: number;
  max?: number;
  step?: number;
  onChange(value: number): void;
  /** hide the label visually (it stays for screen readers) */
  hideLabel?: boolean;
  /** characters of width */
  size?: number;
  disabled?: boolean;
  testId?: string;
}

/**
 * A number input that lets the user type freely and commits only finite numbers; while it is not
 * being edited it shows `value` (so clamping by the store shows at once).
 */
export function NumberField({
  label,
  value,
  min,
  max,
  step,
  onChange,
  hideLabel,
  size = 6,
  disabled,
  testId,
}: NumberFieldProps) {
  const id = useId();
  /** the text being typed; null when the field shows `value` */
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <span className="ae-field ae-number">
      <label htmlFor={id} className={hideLabel ? 'ae-visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={draft ?? String(value)}
        disabled={disabled}
        style={{ width: `${size + 2}ch` }}
        data-testid={testId}
        onBlur={() => setDraft(null)}
        onChange={(e) => {
          setDraft(e.currentTarget.value);
          const n = e.currentTarget.valueAsNumber;
          if (Number.isFinite(n)) onChange(n);
        }}
      />
    </span>
  );
}
