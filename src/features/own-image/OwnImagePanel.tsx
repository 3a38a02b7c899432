/**
 * "Your image": bring a picture (choose, drop anywhere, paste, by address, or draw), see what the
 * model will get, adjust it, and say what it shows. The picture becomes the current image of
 * every view; choosing a test image leaves it, "Use my picture" goes back.
 */
import { useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { InvertChoice } from '../../shared/preprocess';
import {
  selectCanDraw,
  selectOwnPrepared,
  selectSelectedManifest,
  useAppStore,
  type AppState,
} from '../../state';
import { SegmentedControl } from '../../ui/SegmentedControl';
import { Select } from '../../ui/Select';
import { Slider } from '../../ui/Slider';
import { DrawingPad } from './DrawingPad';
import { DropOverlay, usePastedImages } from './DropOverlay';
import { PreprocessPreview } from './PreprocessPreview';
import { recipeText } from './recipeText';
import { SamplePhotos } from './SamplePhotos';
import { ownPictureNote } from './smallPicture';
import { OWN_IMAGE_ERROR_SOURCE, useImageIntake } from './useImageIntake';
import './ownImage.css';

const selectOwnPanel = (s: AppState) => ({
  own: s.ownImage,
  active: s.imageSource === 'own',
  prepared: selectOwnPrepared(s),
  manifest: selectSelectedManifest(s),
  canDraw: selectCanDraw(s),
  setAdjust: s.setOwnAdjust,
  setLabel: s.setOwnLabel,
  setSource: s.setImageSource,
  setOwnImage: s.setOwnImage,
  // a picture that could not be read is said here too, beside the field that asked for it
  localError: s.errors.findLast((e) => e.source === OWN_IMAGE_ERROR_SOURCE)?.message ?? null,
});

const INVERT_OPTIONS: { value: InvertChoice; label: string; description: string }[] = [
  { value: 'auto', label: 'Auto', description: 'Swap light and dark when the border is light' },
  { value: 'on', label: 'On', description: 'Always swap light and dark' },
  { value: 'off', label: 'Off', description: 'Never swap light and dark' },
];

const UNKNOWN = '__unknown__';
const DRAWING_NAME = 'drawing';

export function OwnImagePanel() {
  const p = useAppStore(useShallow(selectOwnPanel));
  const localError = p.localError;
  const intake = useImageIntake();
  const fileInput = useRef<HTMLInputElement>(null);
  const [drawing, setDrawing] = useState(false);
  const [url, setUrl] = useState('');
  const urlId = useId();
  usePastedImages((t) => void intake.load(t));

  const canDraw = p.canDraw;
  const classNames = p.manifest?.classNames ?? [];
  const labelOptions = [
    { value: UNKNOWN, label: 'Unknown (use the prediction)' },
    ...classNames.map((n) => ({ value: n, label: n })),
  ];
  const labelValue =
    p.own?.labelName && classNames.includes(p.own.labelName) ? p.own.labelName : UNKNOWN;
  const smallNote =
    p.own && p.manifest
      ? ownPictureNote(p.own.raster, p.own.adjust.crop ?? null, p.manifest.inputShape)
      : null;

  return (
    <section className="ae-own-image" aria-label="Your own image" data-testid="own-image-panel">
      <DropOverlay onImage={(t) => void intake.load(t)} />
      <h2>Your image</h2>
      <p className="ae-muted">
        Drop a picture anywhere on the page, paste one (Ctrl+V), choose a file, draw, or try a
        photo.
      </p>
      <div className="ae-button-row">
        <button
          type="button"
          onClick={() => fileInput.current?.click()}
          data-testid="own-image-choose"
        >
          Choose a picture…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          hidden
          aria-label="Picture file"
          data-testid="own-image-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void intake.load({ kind: 'file', file });
          }}
        />
        {canDraw && (
          <button
            type="button"
            aria-expanded={drawing}
            onClick={() => setDrawing((d) => !d)}
            data-testid="own-image-draw"
          >
            {drawing ? 'Hide drawing pad' : 'Draw'}
          </button>
        )}
      </div>
      <SamplePhotos onPick={(url) => void intake.load({ kind: 'url', url })} />
      <form
        className="ae-own-image__url"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) void intake.load({ kind: 'url', url: url.trim() });
        }}
      >
        <label htmlFor={urlId}>Picture address</label>
        <input
          id={urlId}
          type="url"
          placeholder="https://…/digit.png"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          data-testid="own-image-url"
        />
        <button type="submit" data-testid="own-image-url-load">
          Load
        </button>
      </form>
      {localError && (
        <p className="ae-own-image__error" role="alert" data-testid="own-image-error">
          {localError}
        </p>
      )}
      {intake.busy && (
        <p className="ae-muted" role="status" data-testid="own-image-busy">
          Reading the picture…
        </p>
      )}
      {canDraw && drawing && (
        <DrawingPad
          onDrawn={(raster, continued) =>
            void intake.load({
              kind: 'pixels',
              keepSettings: continued && p.own?.name === DRAWING_NAME,
              image: {
                name: DRAWING_NAME,
                raster,
                originalWidth: raster.width,
                originalHeight: raster.height,
                notes: [],
              },
            })
          }
        />
      )}
      {p.own && (
        <div
          className="ae-own-image__current"
          data-testid="own-image-current"
          data-own-id={p.own.id}
        >
          <p data-testid="own-image-status" role="status">
            {p.active ? (
              <>
                <strong>Showing your picture</strong> “{p.own.name}” ({p.own.originalWidth}×
                {p.own.originalHeight}) in every view.{' '}
                <button
                  type="button"
                  onClick={() => p.setSource('test')}
                  data-testid="own-image-back"
                >
                  Back to test images
                </button>
              </>
            ) : (
              <>
                Your picture “{p.own.name}” is kept.{' '}
                <button
                  type="button"
                  onClick={() => p.setSource('own')}
                  data-testid="own-image-use"
                >
                  Use my picture
                </button>
              </>
            )}
          </p>
          {p.own.notes.map((n) => (
            <p key={n} className="ae-own-image__note" data-testid="own-image-note">
              {n}
            </p>
          ))}
          {smallNote && (
            <p className="ae-own-image__note" data-testid="own-image-small-note">
              {smallNote}
            </p>
          )}
          <PreprocessPreview
            raster={p.own.raster}
            name={p.own.name}
            prepared={p.prepared}
            crop={p.own.adjust.crop ?? null}
            aspect={p.manifest ? p.manifest.inputShape[1] / p.manifest.inputShape[0] : 1}
            onCrop={(crop) => p.setAdjust({ crop })}
          />
          {p.prepared && (
            <p className="ae-muted" data-testid="own-image-recipe">
              {recipeText(p.prepared, Boolean(p.own.adjust.crop))}
            </p>
          )}
          {p.manifest?.dataset === 'cifar10' && (
            <p className="ae-muted" data-testid="own-image-closeup-note">
              CIFAR-10 shows whole objects (a whole cat, a whole car) at 32×32 pixels: a close-up,
              such as a cat’s face or a cup seen from above, is often misread before any attack.
            </p>
          )}
          <SegmentedControl
            legend="Invert"
            value={p.own.adjust.invert}
            options={INVERT_OPTIONS}
            onChange={(invert) => p.setAdjust({ invert })}
            testId="own-image-invert"
          />
          {p.prepared?.recipe === 'mnist' && (
            <Slider
              label="Ink threshold"
              value={p.own.adjust.threshold}
              min={0}
              max={0.9}
              step={0.05}
              onChange={(threshold) => p.setAdjust({ threshold })}
              valueText={`${Math.round(p.own.adjust.threshold * 100)}% of the ink's range counts as background`}
              testId="own-image-threshold"
            >
              <output data-testid="own-image-threshold-value">
                {p.own.adjust.threshold.toFixed(2)}
              </output>
            </Slider>
          )}
          <Select
            label="It shows"
            value={labelValue}
            options={labelOptions}
            onChange={(v) => p.setLabel(v === UNKNOWN ? null : v)}
            testId="own-image-label"
          />
          {labelValue === UNKNOWN && (
            <p className="ae-own-image__note" data-testid="own-image-label-note">
              The true class of your picture is unknown, so the attacks use the model’s own
              prediction as the label (loss label: predicted). Pick what it shows to attack that
              class instead.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
