import { useId, type ReactNode } from 'react';
import './ui.css';

export interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(value: number): void;
  /** what a screen reader announces instead of the raw number ("0.25, about 64/255") */
  valueText?: string;
  /** shown after the slider (formatted values, a number field, ...) */
  children?: ReactNode;
  disabled?: boolean;
  testId?: string;
}

/** A labelled range input; fires on every movement so dragging updates live. */
export function Slider({
  label,
  value,
  min,
  max,
  step,
  onChange,
  valueText,
  children,
  disabled,
  testId,
}: SliderProps) {
  const id = useId();
  return (
    <div className="ae-field ae-slider">
      <label htmlFor={id}>{label}</label>
      <div className="ae-slider__row">
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={step}
          value={value}
          disabled={disabled}
          aria-valuetext={valueText}
          data-testid={testId}
          onChange={(e) => onChange(e.currentTarget.valueAsNumber)}
        />
        {children}
      </div>
    </div>
  );
}
