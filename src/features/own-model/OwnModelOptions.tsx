/**
 * The own-model dialog's second step, once model.json is read: the name in the picker, the
 * value range (required, pre-set to a guess), how to read the output (detected unless chosen),
 * the image shape of a flat input, and the class names.
 */
import { useId } from 'react';
import type { InputRange } from '../../models/manifest';
import { OWN_OUTPUT_CHOICES, type OwnOutputChoice } from '../../models/ownModelOutput';
import { ClassNamesField, type ClassNames } from './ClassNamesField';

const RANGES: { value: InputRange; label: string }[] = [
  { value: '0-1', label: '[0, 1]' },
  { value: '-1-1', label: '[−1, 1]' },
  { value: '0-255', label: '[0, 255]' },
];

export interface FlatShape {
  height: string;
  width: string;
  channels: string;
}

export interface OwnModelOptionsValue {
  name: string;
  range: InputRange;
  output: OwnOutputChoice;
  flat: FlatShape;
  names: ClassNames | null;
}

export interface OwnModelOptionsProps {
  value: OwnModelOptionsValue;
  guess: InputRange;
  /** the model takes a flat vector of this many values; null for an image input */
  flatSize: number | null;
  onChange(patch: Partial<OwnModelOptionsValue>): void;
  onError(message: string): void;
}

export function OwnModelOptions({
  value,
  guess,
  flatSize,
  onChange,
  onError,
}: OwnModelOptionsProps) {
  const ids = useId();
  return (
    <>
      <label htmlFor={`${ids}-name`}>Name in the model list</label>
      <input
        id={`${ids}-name`}
        type="text"
        value={value.name}
        data-testid="own-model-name"
        onChange={(e) => onChange({ name: e.target.value })}
      />
      <fieldset>
        <legend>Value range the model expects (required)</legend>
        {RANGES.map((r) => (
          <label key={r.value} className="ae-own-model__radio">
            <input
              type="radio"
              name={`${ids}-range`}
              value={r.value}
              checked={value.range === r.value}
              required
              data-testid={`own-model-range-${r.value}`}
              onChange={() => onChange({ range: r.value })}
            />
            {r.label}
            {guess === r.value && (
              <span className="ae-muted"> (guessed: check the model's documentation)</span>
            )}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Its output</legend>
        {OWN_OUTPUT_CHOICES.map((o) => (
          <label key={o.value} className="ae-own-model__radio" title={o.description}>
            <input
              type="radio"
              name={`${ids}-output`}
              value={o.value}
              checked={value.output === o.value}
              data-testid={`own-model-output-${o.value}`}
              onChange={() => onChange({ output: o.value })}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
      {flatSize !== null && (
        <fieldset data-testid="own-model-flat">
          <legend>The model takes a flat vector of {flatSize} values: its image shape</legend>
          {(['height', 'width', 'channels'] as const).map((key) => (
            <label key={key} className="ae-own-model__dim">
              {key}
              <input
                type="number"
                min={1}
                value={value.flat[key]}
                data-testid={`own-model-${key}`}
                onChange={(e) => onChange({ flat: { ...value.flat, [key]: e.target.value } })}
              />
            </label>
          ))}
        </fieldset>
      )}
      <ClassNamesField
        value={value.names}
        onChange={(names) => onChange({ names })}
        onError={onError}
        onEdit={() => onChange({})}
      />
    </>
  );
}
