/**
 * "Use your own model": a TF.js model by URL or as dropped/picked files (model.json + weights),
 * the value range it expects (a required choice, pre-set to a guess), the image shape for flat
 * inputs, and an optional class-name file. model.json is checked here first; the engine then
 * loads and checks the weights. Errors stay in the dialog; the app keeps its model and image.
 */
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { InputRange } from '../../models/manifest';
import { formatBytes, imageShapeFor, OWN_MODEL_MAX_WEIGHT_BYTES } from '../../models/ownModelJson';
import { ownModelManifest, parseClassNames } from '../../models/ownModelManifest';
import { useAppStore } from '../../state';
import { useModelInspection, type Inspection } from './useModelInspection';
import './ownModel.css';

const RANGES: { value: InputRange; label: string }[] = [
  { value: '0-1', label: '[0, 1]' },
  { value: '-1-1', label: '[−1, 1]' },
  { value: '0-255', label: '[0, 255]' },
];

let nextOwnId = 1;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function OwnModelButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="ae-own-model__open"
        data-testid="own-model-open"
        onClick={() => setOpen(true)}
      >
        Use your own model…
      </button>
      {open && <OwnModelDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function Summary({ inspection }: { inspection: Inspection }) {
  if (inspection.kind !== 'ready') return null;
  const { facts, origin } = inspection.model;
  const kind = facts.format === 'graph' ? 'GraphModel' : 'LayersModel';
  const unit = facts.format === 'graph' ? 'nodes' : 'layers';
  return (
    <p className="ae-own-model__summary" data-testid="own-model-summary">
      {kind}
      {facts.modelName ? ` '${facts.modelName}'` : ''}, {facts.size} {unit}, input [
      {facts.inputShape.map((d) => d ?? '?').join(', ')}], {formatBytes(facts.totalWeightBytes)} of
      weights <span className="ae-muted">({origin})</span>
    </p>
  );
}

function OwnModelDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const { inspection, fromUrl, fromFiles } = useModelInspection();
  const status = useAppStore((s) => s.ownModelStatus);
  const requestOwnModel = useAppStore((s) => s.requestOwnModel);
  const setOwnModelStatus = useAppStore((s) => s.setOwnModelStatus);
  const [url, setUrl] = useState('');
  // the user's answer to the range question, for the model.json it was given for
  const [rangeChoice, setRangeChoice] = useState<{ for: object; value: InputRange } | null>(null);
  const [flat, setFlat] = useState({ height: '', width: '', channels: '1' });
  const [names, setNames] = useState<{ file: string; names: string[] } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const requested = useRef(false);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    setOwnModelStatus({ kind: 'idle' });
  }, [setOwnModelStatus]);

  // the requested model loaded: it is in the picker now
  useEffect(() => {
    if (requested.current && status.kind === 'loaded') onClose();
  }, [status, onClose]);

  const ready = inspection.kind === 'ready' ? inspection.model : null;
  // a fresh model.json: the range question starts at the guess again
  const range: InputRange | null =
    ready && rangeChoice?.for === ready
      ? rangeChoice.value
      : inspection.kind === 'ready'
        ? inspection.guess
        : null;
  const setRange = (value: InputRange) => {
    if (ready) setRangeChoice({ for: ready, value });
  };
  const readUrl = (text: string) => {
    setFormError(null);
    setOwnModelStatus({ kind: 'idle' });
    fromUrl(text);
  };
  const readFiles = (files: File[]) => {
    setFormError(null);
    setOwnModelStatus({ kind: 'idle' });
    fromFiles(files);
  };
  const isFlat = ready?.facts.inputShape.length === 1;
  const loading = status.kind === 'loading';

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    e.stopPropagation(); // model files are not a picture for the page's image drop zone
    readFiles([...e.dataTransfer.files]);
  };

  const onNamesFile = async (file: File | undefined) => {
    setFormError(null);
    if (!file) return setNames(null);
    try {
      setNames({ file: file.name, names: parseClassNames(await file.text()) });
    } catch (e) {
      setNames(null);
      setFormError(messageOf(e));
    }
  };

  const onLoad = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (range === null) return setFormError('choose the value range the model expects');
    try {
      const flatShape: [number, number, number] | undefined = isFlat
        ? [Number(flat.height), Number(flat.width), Number(flat.channels)]
        : undefined;
      const imageShape = imageShapeFor(ready.facts, flatShape);
      const manifest = ownModelManifest({
        id: `own-${nextOwnId++}`,
        name: ready.name,
        url: ready.url,
        facts: ready.facts,
        imageShape,
        range,
        // the engine checks their count against the model's outputs
        classNames: names?.names ?? [],
      });
      setFormError(null);
      requested.current = true;
      requestOwnModel(manifest, names?.names ?? null);
    } catch (err) {
      setFormError(messageOf(err));
    }
  };

  const error =
    formError ??
    (inspection.kind === 'error' ? inspection.message : null) ??
    (status.kind === 'error' ? status.message : null);

  return (
    <dialog
      ref={dialog}
      className="ae-own-model"
      aria-labelledby={`${ids}-title`}
      data-testid="own-model-dialog"
      onClose={onClose}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <h2 id={`${ids}-title`}>Use your own model</h2>
      <p className="ae-muted">
        A TensorFlow.js LayersModel or GraphModel (model.json and its weight files) with one image
        input and one output of class scores. Weights up to{' '}
        {formatBytes(OWN_MODEL_MAX_WEIGHT_BYTES)}. It stays in the model list for this session.
      </p>
      <form
        className="ae-own-model__source"
        onSubmit={(e) => {
          e.preventDefault();
          readUrl(url);
        }}
      >
        <label htmlFor={`${ids}-url`}>URL of model.json</label>
        <span className="ae-own-model__row">
          <input
            id={`${ids}-url`}
            type="url"
            value={url}
            placeholder="https://…/model.json"
            data-testid="own-model-url"
            onChange={(e) => setUrl(e.target.value)}
          />
          <button type="submit" data-testid="own-model-check-url">
            Read model.json
          </button>
        </span>
      </form>
      <div className="ae-own-model__drop" data-testid="own-model-drop">
        <label htmlFor={`${ids}-files`}>
          …or drop model.json with all its weight files here, or pick them:
        </label>
        <input
          id={`${ids}-files`}
          type="file"
          multiple
          data-testid="own-model-files"
          onChange={(e) => readFiles([...(e.target.files ?? [])])}
        />
      </div>
      {inspection.kind === 'reading' && <p data-testid="own-model-reading">Reading model.json…</p>}
      <Summary inspection={inspection} />
      {ready && (
        <form className="ae-own-model__options" onSubmit={onLoad}>
          <fieldset>
            <legend>Value range the model expects (required)</legend>
            {RANGES.map((r) => (
              <label key={r.value} className="ae-own-model__radio">
                <input
                  type="radio"
                  name={`${ids}-range`}
                  value={r.value}
                  checked={range === r.value}
                  required
                  data-testid={`own-model-range-${r.value}`}
                  onChange={() => setRange(r.value)}
                />
                {r.label}
                {inspection.kind === 'ready' && inspection.guess === r.value && (
                  <span className="ae-muted"> (guessed: check the model's documentation)</span>
                )}
              </label>
            ))}
          </fieldset>
          {isFlat && (
            <fieldset data-testid="own-model-flat">
              <legend>
                The model takes a flat vector of {ready.facts.inputShape[0]} values: its image shape
              </legend>
              {(['height', 'width', 'channels'] as const).map((key) => (
                <label key={key} className="ae-own-model__dim">
                  {key}
                  <input
                    type="number"
                    min={1}
                    value={flat[key]}
                    data-testid={`own-model-${key}`}
                    onChange={(e) => setFlat({ ...flat, [key]: e.target.value })}
                  />
                </label>
              ))}
            </fieldset>
          )}
          <label htmlFor={`${ids}-names`}>
            Class names (optional: JSON array or one name per line; else class 0…N−1)
          </label>
          <input
            id={`${ids}-names`}
            type="file"
            accept=".json,.txt,text/plain,application/json"
            data-testid="own-model-classes"
            onChange={(e) => void onNamesFile(e.target.files?.[0])}
          />
          {names && (
            <p className="ae-muted" data-testid="own-model-classes-info">
              {names.names.length} class names from {names.file}
            </p>
          )}
          <button type="submit" disabled={loading} data-testid="own-model-load">
            {loading ? 'Loading…' : 'Load model'}
          </button>
        </form>
      )}
      {loading && (
        <p role="status" data-testid="own-model-status">
          Loading and checking the weights…
        </p>
      )}
      {error && (
        <p className="ae-own-model__error" role="alert" data-testid="own-model-error">
          {error}
        </p>
      )}
      <button
        type="button"
        className="ae-own-model__close"
        data-testid="own-model-close"
        onClick={onClose}
      >
        Close
      </button>
    </dialog>
  );
}
