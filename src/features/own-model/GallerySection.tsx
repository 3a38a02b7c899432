/**
 * The own-model dialog's gallery: well-known public ImageNet classifiers (src/models/gallery),
 * each loaded with one click from its publisher's address, with the ImageNet class names that
 * ship with the app. Says plainly that they are third-party and how big they are.
 */
import { useState } from 'react';
import {
  GALLERY,
  galleryClassNames,
  IMAGENET_CLASSES_PATH,
  type GalleryModel,
} from '../../models/gallery';
import type { InputRange } from '../../models/manifest';
import { formatBytes, imageShapeFor } from '../../models/ownModelJson';
import { ownModelManifest, ownModelName } from '../../models/ownModelManifest';
import { uniqueName } from '../../models/ownModelName';
import { useAppStore } from '../../state';
import { inspectModelUrl } from './modelSource';
import { nextOwnModelId } from './ownModelIds';

const RANGE_TEXT: Record<InputRange, string> = {
  '0-1': '[0, 1]',
  '-1-1': '[−1, 1]',
  '0-255': '[0, 255]',
};

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function imagenetNames(): Promise<string[]> {
  const response = await fetch(new URL(IMAGENET_CLASSES_PATH, document.baseURI));
  if (!response.ok) throw new Error(`the ImageNet class list: HTTP ${response.status}`);
  const names: unknown = await response.json();
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new Error('the ImageNet class list is not a list of names');
  }
  return names as string[];
}

export interface GallerySectionProps {
  /** a model was asked for: the dialog closes once it is loaded */
  onRequested(): void;
  disabled: boolean;
}

export function GallerySection({ onRequested, disabled }: GallerySectionProps) {
  const requestOwnModel = useAppStore((s) => s.requestOwnModel);
  const taken = useAppStore((s) => s.customModels);
  const [reading, setReading] = useState<string | null>(null);
  const [error, setError] = useState<{ id: string; message: string } | null>(null);

  const load = async (entry: GalleryModel) => {
    setError(null);
    setReading(entry.id);
    try {
      const [inspected, names] = await Promise.all([inspectModelUrl(entry.url), imagenetNames()]);
      const manifest = ownModelManifest({
        id: nextOwnModelId(),
        name: uniqueName(entry.name, taken.map(ownModelName)),
        url: inspected.url,
        facts: inspected.facts,
        imageShape: imageShapeFor(inspected.facts),
        range: entry.range,
        outputChoice: 'auto',
        classNames: [],
        dataset: 'imagenet',
      });
      requestOwnModel(manifest, galleryClassNames(entry, names), 'the ImageNet class list');
      onRequested();
    } catch (e) {
      setError({ id: entry.id, message: `${entry.name}: ${messageOf(e)}` });
    } finally {
      setReading(null);
    }
  };

  return (
    <section className="ae-own-model__gallery" aria-labelledby="ae-gallery-title">
      <h3 id="ae-gallery-title">ImageNet classifiers (the paper’s Fig. 1)</h3>
      <p className="ae-muted">
        Third-party models, not part of this app: each is downloaded from its publisher when you
        click Load (this needs the internet), with the 1,000 ImageNet class names that come with the
        app.
      </p>
      <ul data-testid="own-model-gallery">
        {GALLERY.map((entry) => (
          <li key={entry.id} data-testid={`gallery-${entry.id}`}>
            <button
              type="button"
              disabled={disabled || reading !== null}
              onClick={() => void load(entry)}
              data-testid={`gallery-load-${entry.id}`}
            >
              {reading === entry.id ? 'Reading…' : 'Load'}
            </button>{' '}
            <strong>{entry.name}</strong>{' '}
            <span className="ae-muted">
              {entry.bytesExact ? '' : 'about '}
              {formatBytes(entry.bytes)} · input {RANGE_TEXT[entry.range]} ·{' '}
              {entry.outputs.toLocaleString('en')} outputs · {entry.publisher},{' '}
              <a href={entry.page} target="_blank" rel="noreferrer">
                {entry.licence}
              </a>
            </span>
            {error?.id === entry.id && (
              <p className="ae-own-model__error" role="alert" data-testid="gallery-error">
                {error.message}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
