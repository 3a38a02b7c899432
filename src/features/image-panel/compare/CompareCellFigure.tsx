import { useMemo } from 'react';
import type { ImageData01 } from '../../../engine/api';
import { divergingToRgba, rgbWeightsToRgba } from '../../../shared/colormaps';
import type { CompareCell } from '../../../state';
import { PixelCanvas } from '../../../ui/PixelCanvas';
import { formatPercent } from '../probabilityBars';
import { verdictOf } from './compareTable';

/** The perturbation in the image panel's diverging colours, on the scale [-eps, eps]. */
function perturbationRgba(cell: CompareCell, image: ImageData01) {
  const values = cell.result?.perturbation;
  if (!values) return undefined;
  const maxAbs = cell.eps > 0 ? cell.eps : 1;
  return image.channels === 3
    ? rgbWeightsToRgba(values, maxAbs)
    : divergingToRgba(
        image.channels === 1 ? values : values.filter((_, i) => i % image.channels === 0),
        maxAbs,
      );
}

export interface CompareCellFigureProps {
  testId: string;
  title: string;
  cell: CompareCell | undefined;
  classNames: readonly string[];
  /** the clean image, for the perturbation canvas's size */
  original: ImageData01;
}

/** One attack on one model: x + η with its prediction, and η below it. */
export function CompareCellFigure({
  testId,
  title,
  cell,
  classNames,
  original,
}: CompareCellFigureProps) {
  const rgba = useMemo(
    () => (cell ? perturbationRgba(cell, original) : undefined),
    [cell, original],
  );
  const result = cell?.result ?? null;
  const verdict = result ? verdictOf(result) : null;
  const name = (c: number) => classNames[c] ?? `class ${c}`;
  return (
    <figure
      className={`ae-compare-cell${cell?.pending ? ' is-pending' : ''}${verdict?.changed ? ' is-changed' : ''}`}
      data-testid={testId}
      aria-busy={cell?.pending ?? true}
    >
      {result ? (
        <PixelCanvas
          image={result.adversarial}
          scale={0}
          className="ae-compare-cell__image"
          label={`${title}: the image plus η`}
          testId={`${testId}-image`}
        />
      ) : (
        <div className="ae-compare-cell__image ae-compare-cell__blank" aria-hidden="true" />
      )}
      <figcaption
        className="ae-compare-cell__pred"
        data-testid={`${testId}-pred`}
        data-class={verdict?.predictedClass}
        data-confidence={verdict?.confidence}
      >
        {cell?.error ? (
          <span role="alert">{cell.error}</span>
        ) : verdict ? (
          <>
            {/* not only red: a mark a colour-blind reader sees too */}
            {verdict.changed ? '✗ ' : '✓ '}
            {name(verdict.predictedClass)} · {formatPercent(verdict.confidence)}
          </>
        ) : (
          'computing…'
        )}
      </figcaption>
      {result && rgba ? (
        <PixelCanvas
          image={original}
          rgba={rgba}
          scale={0}
          className="ae-compare-cell__eta"
          label={`${title}: the perturbation η`}
          testId={`${testId}-eta`}
        />
      ) : (
        <div className="ae-compare-cell__eta ae-compare-cell__blank" aria-hidden="true" />
      )}
    </figure>
  );
}
