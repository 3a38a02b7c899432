import { useId, useRef, useState } from 'react';
import { copyText, type CopyOutcome } from './copyText';

export interface CopyFieldProps {
  label: string;
  value: string;
  /** a textarea for snippets, an input for links */
  multiline?: boolean;
  testId: string;
}

const MESSAGES: Record<CopyOutcome, string> = {
  copied: 'Copied',
  selected: 'Selected: press Ctrl+C (⌘C) to copy',
};

/** A read-only field with its text and a Copy button. */
export function CopyField({ label, value, multiline, testId }: CopyFieldProps) {
  const id = useId();
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const copy = () => void copyText(value, fieldRef.current).then(setOutcome);
  return (
    <div className="ae-copy-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} ref={fieldRef} readOnly value={value} rows={4} data-testid={testId} />
      ) : (
        <input id={id} ref={fieldRef} readOnly value={value} data-testid={testId} />
      )}
      <button type="button" onClick={copy} data-testid={`${testId}-copy`}>
        Copy
      </button>
      <span role="status" className="ae-muted">
        {outcome ? MESSAGES[outcome] : ''}
      </span>
    </div>
  );
}
