/**
 * "Use your own model": a TF.js model by URL or as dropped/picked files (model.json + weights),
 * then its options (OwnModelOptions). model.json is checked here first; the engine then loads
 * and checks the weights and tells the class count. Errors stay in the dialog and go as soon as
 * the input they were about changes; the app keeps its model and image.
 */
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, imageShapeFor, OWN_MODEL_MAX_WEIGHT_BYTES } from '../../models/ownModelJson';
import { ownModelManifest, ownModelName } from '../../models/ownModelManifest';
import { uniqueName } from '../../models/ownModelName';
import { useAppStore, type AppState } from '../../state';
import type { ClassNames } from './ClassNamesField';
import { GallerySection } from './GallerySection';
import { nextOwnModelId } from './ownModelIds';
import { OwnModelOptions, type OwnModelOptionsValue } from './OwnModelOptions';
import { OwnModelSummary } from './OwnModelSummary';
import { useModelInspection, type InspectedModel } from './useModelInspection';
import './ownModel.css';

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const selectDialog = (s: AppState) => ({
  status: s.ownModelStatus,
  requestOwnModel: s.requestOwnModel,
  setOwnModelStatus: s.setOwnModelStatus,
  taken: s.customModels,
});

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

function OwnModelDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const { inspection, fromUrl, fromFiles } = useModelInspection();
  const { status, requestOwnModel, setOwnModelStatus, taken } = useAppStore(
    useShallow(selectDialog),
  );
  const [url, setUrl] = useState('');
  // the user's answers, for the model.json they were given for (a new one starts afresh)
  const [edits, setEdits] = useState<{
    for: InspectedModel;
    value: Partial<OwnModelOptionsValue>;
  }>();
  // class names outlive a change of model.json: they belong to the task, not the file
  const [names, setNames] = useState<ClassNames | null>(null);
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
  const options: OwnModelOptionsValue | null = ready
    ? {
        name: ready.name,
        range: inspection.kind === 'ready' ? inspection.guess : '0-1',
        output: 'auto',
        flat: { height: '', width: '', channels: '1' },
        ...(edits?.for === ready ? edits.value : {}),
        names,
      }
    : null;

  /** every change of input: messages about the previous input are stale */
  const clearErrors = () => {
    setFormError(null);
    if (status.kind === 'error') setOwnModelStatus({ kind: 'idle' });
  };
  const edit = (patch: Partial<OwnModelOptionsValue>) => {
    clearErrors();
    if (!ready) return;
    const { names: changed, ...rest } = patch;
    if (changed !== undefined) setNames(changed);
    setEdits({ for: ready, value: { ...(edits?.for === ready ? edits.value : {}), ...rest } });
  };
  const readUrl = (text: string) => {
    clearErrors();
    fromUrl(text);
  };
  const readFiles = (files: File[]) => {
    clearErrors();
    fromFiles(files);
  };
  const loading = status.kind === 'loading';

  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    e.stopPropagation(); // model files are not a picture for the page's image drop zone
    readFiles([...e.dataTransfer.files]);
  };

  const load = (classNames: ClassNames | null) => {
    if (!ready || !options) return;
    try {
      const { height, width, channels } = options.flat;
      const flatShape: [number, number, number] | undefined =
        ready.facts.inputShape.length === 1
          ? [Number(height), Number(width), Number(channels)]
          : undefined;
      const manifest = ownModelManifest({
        id: nextOwnModelId(),
        name: uniqueName(options.name, taken.map(ownModelName)),
        url: ready.url,
        facts: ready.facts,
        imageShape: imageShapeFor(ready.facts, flatShape),
        range: options.range,
        outputChoice: options.output,
        // the engine tells the class count; the effect checks the names against it
        classNames: [],
      });
      setFormError(null);
      requested.current = true;
      requestOwnModel(manifest, classNames?.names ?? null, classNames?.source);
    } catch (err) {
      setFormError(messageOf(err));
    }
  };
  const onLoad = (e: FormEvent) => {
    e.preventDefault();
    load(names);
  };
  // one click for TF-Hub's 1,001 outputs with the 1,000 ImageNet names
  const mismatch = status.kind === 'error' ? status.classCount : undefined;
  const offerBackground =
    names !== null && mismatch !== undefined && mismatch.outputs === mismatch.names + 1;
  const onAddBackground = () => {
    if (!names) return;
    const fixed = {
      names: ['background', ...names.names],
      source: `${names.source} with 'background' first`,
    };
    setNames(fixed);
    load(fixed);
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
      <GallerySection
        disabled={loading}
        onRequested={() => {
          requested.current = true;
        }}
      />
      <h3>Your own model</h3>
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
            onChange={(e) => {
              clearErrors();
              setUrl(e.target.value);
            }}
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
      {ready && <OwnModelSummary model={ready} />}
      {ready && options && inspection.kind === 'ready' && (
        <form className="ae-own-model__options" onSubmit={onLoad}>
          <OwnModelOptions
            value={options}
            guess={inspection.guess}
            flatSize={ready.facts.inputShape.length === 1 ? (ready.facts.inputShape[0] ?? 0) : null}
            onChange={edit}
            onError={setFormError}
          />
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
      {offerBackground && (
        <button type="button" onClick={onAddBackground} data-testid="own-model-add-background">
          Add “background” as class 0 and load
        </button>
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
