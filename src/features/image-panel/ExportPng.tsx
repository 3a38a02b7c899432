/**
 * "Save PNG": the adversarial image at the model's input size, 8 bits per channel - and, since
 * saving rounds every pixel, the engine's verdict on exactly the saved pixels.
 */
import { bytesToRgba, toBytes } from '../../shared/preprocess';
import { selectClassNames, useAppStore, type AttackOutcome } from '../../state';

function downloadPng(outcome: AttackOutcome): Promise<void> {
  const img = outcome.result.adversarial;
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2D canvas to encode the PNG with'));
  const rgba = bytesToRgba(toBytes(img), img);
  ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), img.width, img.height), 0, 0);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (!blob) return reject(new Error('the browser could not encode the PNG'));
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `adversarial-${outcome.modelId}-eps${outcome.eps}.png`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      resolve();
    }, 'image/png');
  });
}

export function ExportPng({ outcome }: { outcome: AttackOutcome }) {
  const check = useAppStore((s) => s.quantisedCheck);
  const setCheck = useAppStore((s) => s.setQuantisedCheck);
  const pushError = useAppStore((s) => s.pushError);
  const classNames = useAppStore(selectClassNames);
  const mine = check?.outcome === outcome ? check : null;
  const { width, height } = outcome.result.adversarial;
  const floatFools = outcome.result.attacked.predictedClass !== outcome.result.clean.predictedClass;

  return (
    <div className="ae-export-png" role="group" aria-label="Save the adversarial image">
      <button
        type="button"
        data-testid="export-png"
        onClick={() => {
          setCheck({ status: 'checking', outcome });
          downloadPng(outcome).catch((e: unknown) =>
            pushError(
              'export',
              `Could not save the PNG: ${e instanceof Error ? e.message : 'unknown error'}`,
            ),
          );
        }}
      >
        Save PNG ({width}×{height}, 8-bit)
      </button>
      {mine && (
        <p
          className="ae-export-png__verdict"
          data-testid="export-quantised-verdict"
          data-status={mine.status}
          data-fools={mine.status === 'done' ? String(mine.fools) : undefined}
          data-class={mine.status === 'done' ? mine.prediction.predictedClass : undefined}
          role="status"
        >
          {mine.status === 'checking' && 'Classifying the saved 8-bit image…'}
          {mine.status === 'error' && `The saved image could not be classified: ${mine.message}`}
          {mine.status === 'done' &&
            `Saved image (rounded to 8 bits): classified as ${classNames[mine.prediction.predictedClass] ?? mine.prediction.predictedClass} (${(100 * mine.prediction.confidence).toFixed(1)}%) - ${
              mine.fools
                ? 'it still fools the model.'
                : floatFools
                  ? 'the rounding undid the attack: it no longer fools the model.'
                  : 'it does not fool the model (neither did the unrounded image).'
            }`}
        </p>
      )}
    </div>
  );
}
