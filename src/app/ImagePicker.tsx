import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { NoTestImages } from '../features/image-panel/NoTestImages';
import { datasetLabel } from '../models/registry';
import { imageAt, type Dataset } from '../shared/dataset';
import {
  selectBrowseOrder,
  selectDataset,
  selectEligibleIndices,
  selectTestSetState,
  useAppStore,
  type AppState,
} from '../state';
import type { BrowseOrder } from '../state/browseOrder';
import { lowerBound } from '../state/labelMap';
import { NumberField } from '../ui/NumberField';
import { PixelCanvas } from '../ui/PixelCanvas';

/** thumbnails per page of the grid */
export const PAGE_SIZE = 24;

const selectPicker = (s: AppState) => ({
  dataset: selectDataset(s),
  eligible: selectEligibleIndices(s),
  order: selectBrowseOrder(s),
  testSet: selectTestSetState(s),
  index: s.selectedIndex,
  selectIndex: s.selectIndex,
  stepIndex: s.stepIndex,
  randomIndex: s.randomIndex,
});

/**
 * The images the picker pages through: every test image, or those the model has classes for;
 * in the class-interleaved order for a set stored sorted by class.
 */
class ImageList {
  constructor(
    readonly dataset: Dataset,
    private readonly eligible: Int32Array | null,
    private readonly order: BrowseOrder | null,
  ) {}

  get length(): number {
    return this.order?.indices.length ?? this.eligible?.length ?? this.dataset.count;
  }

  /** dataset index of the image at `position` (wrapping) */
  at(position: number): number {
    const n = this.length;
    const p = ((position % n) + n) % n;
    if (this.order) return this.order.indices[p] ?? 0;
    return this.eligible ? (this.eligible[p] ?? 0) : p;
  }

  positionOf(index: number): number {
    if (this.order) return Math.max(0, this.order.positions[index] ?? 0);
    return this.eligible ? Math.min(lowerBound(this.eligible, index), this.length - 1) : index;
  }
}

function labelName(dataset: Dataset, i: number): string {
  return dataset.classNames[dataset.labels[i] ?? 0] ?? '?';
}

function Thumbnails({
  list,
  pageStart,
  index,
  onPick,
}: {
  list: ImageList;
  pageStart: number;
  index: number;
  onPick(i: number): void;
}) {
  const page = useMemo(() => {
    const end = Math.min(list.length, pageStart + PAGE_SIZE);
    return Array.from({ length: end - pageStart }, (_, k) => list.at(pageStart + k)).map((i) => ({
      i,
      image: imageAt(list.dataset, i),
      label: labelName(list.dataset, i),
    }));
  }, [list, pageStart]);
  return (
    <ul className="ae-thumbs" aria-label="Test images">
      {page.map(({ i, image, label }) => (
        <li key={i}>
          <button
            type="button"
            className="ae-thumb"
            aria-pressed={i === index}
            aria-label={`Test image ${i}, label ${label}`}
            data-testid={`thumb-${i}`}
            onClick={() => onPick(i)}
          >
            <PixelCanvas image={image} scale={48 / Math.max(image.width, image.height)} />
            <span className="ae-thumb__label">{label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Choose the test image: index field, previous/next, random, and a page of thumbnails. */
export function ImagePicker() {
  const p = useAppStore(useShallow(selectPicker));
  const list = useMemo(
    () => (p.dataset ? new ImageList(p.dataset, p.eligible, p.order) : null),
    [p.dataset, p.eligible, p.order],
  );
  if (!p.dataset || !list) {
    return (
      <section className="ae-image-picker" aria-label="Test image">
        <h2>Test image</h2>
        <NoTestImages
          className="ae-muted"
          testId="test-set-status"
          fallback={
            p.testSet?.status === 'loading'
              ? 'Loading the test images…'
              : p.testSet?.status === 'partial'
                ? `Loading the test images… (the first ${p.testSet.dataset.count.toLocaleString('en')} are in)`
                : 'Choose a model to see its test images.'
          }
        />
      </section>
    );
  }
  const ds = p.dataset;
  const pageStart = Math.floor(list.positionOf(p.index) / PAGE_SIZE) * PAGE_SIZE;
  const pageEnd = Math.min(list.length, pageStart + PAGE_SIZE) - 1;
  return (
    <section className="ae-image-picker" aria-label="Test image">
      <h2>Test image</h2>
      <div className="ae-image-picker__nav">
        <NumberField
          label={`Index (0–${ds.count - 1})`}
          value={p.index}
          min={0}
          max={ds.count - 1}
          step={1}
          size={6}
          onChange={p.selectIndex}
          testId="image-select"
        />
        <span className="ae-muted" data-testid="image-label">
          label {labelName(ds, p.index)}
        </span>
      </div>
      <div className="ae-button-row">
        <button type="button" onClick={() => p.stepIndex(-1)} data-testid="image-prev">
          ← Previous
        </button>
        <button type="button" onClick={() => p.stepIndex(1)} data-testid="image-next">
          Next →
        </button>
        <button type="button" onClick={() => p.randomIndex()} data-testid="image-random">
          Random
        </button>
      </div>
      <Thumbnails list={list} pageStart={pageStart} index={p.index} onPick={p.selectIndex} />
      <div className="ae-button-row ae-button-row--page">
        <button
          type="button"
          aria-label="Previous page of thumbnails"
          onClick={() => p.selectIndex(list.at(pageStart - PAGE_SIZE))}
          data-testid="thumbs-prev-page"
        >
          ‹ Page
        </button>
        <span className="ae-muted">
          {pageStart + 1}–{pageEnd + 1} of {list.length.toLocaleString('en')}
        </span>
        <button
          type="button"
          aria-label="Next page of thumbnails"
          onClick={() => p.selectIndex(list.at(pageStart + PAGE_SIZE))}
          data-testid="thumbs-next-page"
        >
          Page ›
        </button>
      </div>
      <p className="ae-muted ae-image-picker__source" data-testid="test-set-source">
        {datasetLabel(ds.id)} test set
        {p.eligible
          ? `: the ${p.eligible.length.toLocaleString('en')} images of this model's classes`
          : `, ${ds.count.toLocaleString('en')} images`}
        {p.order && (
          <span data-testid="test-set-order">
            {' '}
            (stored sorted by class; shown one of each class in turn)
          </span>
        )}
      </p>
    </section>
  );
}
