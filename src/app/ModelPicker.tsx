import { datasetLabel, modelLabel, summarizeModel } from '../models/registry';
import type { ModelManifest } from '../models/manifest';
import { isOwnModelManifest } from '../models/ownModelManifest';
import { selectSelectedManifest, useAppStore, type AppState } from '../state';
import { Select } from '../ui/Select';
import { OwnModelButton } from '../features/own-model/OwnModelDialog';
import { OwnOutputControl } from '../features/own-model/OwnOutputControl';
import { useState } from 'react';
import { KeptModelControl } from './KeptModelControl';

const selectList = (s: AppState) => s.modelList;

export function ModelPicker() {
  const list = useAppStore(selectList);
  const selectedId = useAppStore((s) => s.selectedModelId);
  const loading = useAppStore((s) => s.modelLoading);
  const loaded = useAppStore((s) => s.loadedModel);
  const selectModel = useAppStore((s) => s.selectModel);
  const manifest = useAppStore(selectSelectedManifest);
  // said after a kept model is removed (the picker changed under the user), while it still holds
  const [removal, setRemoval] = useState<{ text: string; selectedId: string | null } | null>(null);

  if (list.status === 'loading') {
    return (
      <p className="ae-model-picker ae-muted" data-testid="model-list-loading">
        Loading the model list…
      </p>
    );
  }
  if (list.status === 'error') {
    return (
      <div className="ae-model-picker ae-model-picker--error" role="status">
        <strong>No models available.</strong>{' '}
        <span data-testid="model-list-error">{list.message}</span>
      </div>
    );
  }
  const options = list.models.map((m) => ({ value: m.id, label: modelLabel(summarizeModel(m)) }));
  return (
    <div className="ae-model-picker">
      <Select
        label="Model"
        value={selectedId ?? ''}
        options={options}
        onChange={selectModel}
        testId="model-select"
      />
      <OwnModelButton />
      {manifest && <ModelFacts manifest={manifest} />}
      {manifest && isOwnModelManifest(manifest) && !loading && (
        <OwnOutputControl manifest={manifest} />
      )}
      {manifest && isOwnModelManifest(manifest) && (
        <KeptModelControl
          id={manifest.id}
          onRemoved={(text, nowSelected) => setRemoval({ text, selectedId: nowSelected })}
        />
      )}
      <p className="ae-model-picker__removed" role="status" data-testid="kept-model-removed">
        {removal && removal.selectedId === selectedId ? removal.text : ''}
      </p>
      <p className="ae-model-picker__info ae-muted" data-testid="model-info" aria-live="polite">
        {loading
          ? 'Loading the model…'
          : loaded
            ? `${loaded.parameterCount.toLocaleString('en')} parameters`
            : ''}
        {!loading &&
          loaded?.notes.map((note) => (
            <span key={note} className="ae-model-picker__note">
              {' '}
              · {note}
            </span>
          ))}
      </p>
    </div>
  );
}

/** what the index says of the model: dataset, measured clean error, architecture */
function ModelFacts({ manifest }: { manifest: ModelManifest }) {
  const error = manifest.figures?.cleanErrorRate;
  return (
    <p className="ae-model-picker__facts" data-testid="model-facts">
      {datasetLabel(manifest.dataset)}
      {error !== undefined && (
        <>
          {' · '}
          <strong data-testid="model-clean-error">{(error * 100).toFixed(2)}%</strong> clean test
          error
        </>
      )}
      <span className="ae-muted ae-model-picker__arch">{manifest.architecture}</span>
    </p>
  );
}
