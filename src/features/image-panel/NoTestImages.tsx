/**
 * In place of a test image: why there is none (a model without test images, or the test set's
 * load error) and, for a model the user brought whose input and class count fit a bundled test
 * set, one click to use that set's images with it.
 */
import { useShallow } from 'zustand/react/shallow';
import { datasetLabel } from '../../models/registry';
import {
  selectFittingTestSets,
  selectSelectedManifest,
  selectTestImagesNote,
  useAppStore,
  type AppState,
} from '../../state';

const selectNote = (s: AppState) => ({
  note: selectTestImagesNote(s),
  sets: selectFittingTestSets(s),
  modelId: s.selectedModelId,
  classes: selectSelectedManifest(s)?.classNames.length ?? 0,
  pair: s.pairOwnModelWithTestSet,
});

/** The bundled test sets that fit the selected own model, each a button; nothing otherwise. */
export function TestSetOffer() {
  const p = useAppStore(useShallow(selectNote));
  const modelId = p.modelId;
  if (p.sets.length === 0 || modelId === null) return null;
  return (
    <div className="ae-test-set-offer" data-testid="test-set-offer">
      <p className="ae-muted">
        Its input and its {p.classes} outputs fit a test set of this app: if it was trained on it,
        use its test images (output i is read as that set’s class i).
      </p>
      <div className="ae-button-row">
        {p.sets.map((set) => (
          <button
            key={set}
            type="button"
            onClick={() => p.pair(modelId, set)}
            data-testid={`use-test-set-${set}`}
          >
            Use the {datasetLabel(set)} test images
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * The note for no test image (the model has none, or they failed to load), else `fallback`;
 * then the offer of a fitting test set.
 */
export function NoTestImages({
  fallback,
  testId,
  className,
}: {
  fallback: string;
  testId: string;
  className: string;
}) {
  const note = useAppStore(selectTestImagesNote);
  return (
    <>
      <p className={className} data-testid={testId}>
        {note ?? fallback}
      </p>
      <TestSetOffer />
    </>
  );
}
