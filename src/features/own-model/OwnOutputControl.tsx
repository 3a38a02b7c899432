/**
 * Under the model picker, for a model the user brought: how its output is read (what the engine
 * detected, or what the user chose) and a choice to read it otherwise, which loads it again
 * under the same id with that choice.
 */
import { useShallow } from 'zustand/react/shallow';
import type { ModelManifest } from '../../models/manifest';
import {
  OWN_OUTPUT_CHOICES,
  OWN_OUTPUT_LABELS,
  type OwnOutputChoice,
} from '../../models/ownModelOutput';
import { useAppStore, type AppState } from '../../state';
import { Select } from '../../ui/Select';

const selectControl = (s: AppState) => ({
  report: s.loadedModel?.outputReport,
  loadedId: s.loadedModel?.id,
  status: s.ownModelStatus,
  request: s.ownModelRequest,
  requestOwnModel: s.requestOwnModel,
});

export function OwnOutputControl({ manifest }: { manifest: ModelManifest }) {
  const { report, loadedId, status, request, requestOwnModel } = useAppStore(
    useShallow(selectControl),
  );
  if (!report || loadedId !== manifest.id) return null;
  const mine = request?.manifest.id === manifest.id;
  const choose = (outputChoice: OwnOutputChoice) => {
    // one sigmoid has two classes: the names no longer fit when switching to or from it
    const binary = outputChoice === 'sigmoid' || manifest.output === 'binary-logit';
    requestOwnModel(
      { ...manifest, outputChoice },
      binary ? null : manifest.classNames,
      'the class names',
    );
  };
  return (
    <div className="ae-own-output" data-testid="own-output">
      <p>
        Output read as{' '}
        <strong data-testid="own-output-kind">{OWN_OUTPUT_LABELS[report.kind]}</strong>{' '}
        <span className="ae-muted">({report.choice === 'auto' ? 'detected' : 'your choice'})</span>
      </p>
      <Select
        label="Read the output as"
        value={manifest.outputChoice ?? 'auto'}
        options={OWN_OUTPUT_CHOICES}
        disabled={mine && status.kind === 'loading'}
        onChange={choose}
        testId="own-output-choice"
      />
      {mine && status.kind === 'loading' && <span role="status"> Loading again…</span>}
      {mine && status.kind === 'error' && (
        <p className="ae-own-model__error" role="alert" data-testid="own-output-error">
          {status.message}
        </p>
      )}
    </div>
  );
}
