/**
 * The own-model dialog's class names: from a file (JSON array or one per line) or typed/pasted
 * (one per line, or comma-separated on one line). Empty: class 0…N−1. Every change clears the
 * dialog's stale errors (onEdit); a parse error names its source.
 */
import { useId, useState } from 'react';
import { parseClassNames } from '../../models/ownModelManifest';

export interface ClassNames {
  names: string[];
  /** for messages: the file's name, or "the typed names" */
  source: string;
}

export interface ClassNamesFieldProps {
  value: ClassNames | null;
  onChange(value: ClassNames | null): void;
  onError(message: string): void;
  /** any edit: the caller clears errors about the previous names */
  onEdit(): void;
}

const TYPED = 'the typed list';

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function ClassNamesField({ value, onChange, onError, onEdit }: ClassNamesFieldProps) {
  const ids = useId();
  const [text, setText] = useState('');

  const fromText = (typed: string) => {
    onEdit();
    setText(typed);
    if (typed.trim() === '') return onChange(null);
    try {
      onChange({ names: parseClassNames(typed, TYPED), source: TYPED });
    } catch (e) {
      onChange(null);
      onError(messageOf(e));
    }
  };

  const fromFile = async (file: File | undefined) => {
    onEdit();
    if (!file) return onChange(null);
    try {
      const content = await file.text();
      const names = parseClassNames(content, file.name);
      setText(names.join('\n'));
      onChange({ names, source: file.name });
    } catch (e) {
      onChange(null);
      onError(messageOf(e));
    }
  };

  return (
    <fieldset className="ae-own-model__classes">
      <legend>Class names (optional; without them: class 0…N−1)</legend>
      <label htmlFor={`${ids}-file`}>From a file (JSON array or one name per line)</label>
      <input
        id={`${ids}-file`}
        type="file"
        accept=".json,.txt,text/plain,application/json"
        data-testid="own-model-classes"
        onChange={(e) => void fromFile(e.target.files?.[0])}
      />
      <label htmlFor={`${ids}-text`}>
        …or type or paste them: one per line, or comma-separated
      </label>
      <textarea
        id={`${ids}-text`}
        rows={3}
        value={text}
        placeholder="angry, disgust, fear, happy, sad, surprise, neutral"
        data-testid="own-model-classes-text"
        onChange={(e) => fromText(e.target.value)}
      />
      {value && (
        <p className="ae-muted" data-testid="own-model-classes-info">
          {value.names.length} class names from {value.source}:{' '}
          {value.names.slice(0, 3).join(' · ')}
          {value.names.length > 3 ? ' …' : ''}
        </p>
      )}
    </fieldset>
  );
}
