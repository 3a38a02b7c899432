/**
 * The frame of every live figure: the result first (it is what a phone shows before the
 * controls), then the controls, then the caption: one "what to notice" sentence, the numbers the
 * figure shows as a table (its text alternative), and the links into the explorer.
 */
import type { ReactNode, RefObject } from 'react';
import type { Live } from '../runtime/useLive';
import { ExplorerLinks } from './ExplorerLinks';
import { NumbersTable, type NumberRow } from './NumbersTable';
import type { ExplorerState } from '../logic/explorerLink';

export interface FigureProps {
  /** test id suffix: figure-<id> */
  id: string;
  /** the figure's accessible name */
  label: string;
  figureRef: RefObject<HTMLElement | null>;
  status: Live<unknown>['status'];
  error?: string;
  children: ReactNode;
  controls?: ReactNode;
  notice: ReactNode;
  numbers?: readonly NumberRow[];
  /** what the numbers table is of, read first by a screen reader */
  numbersCaption?: string;
  links?: readonly ExplorerState[];
  /** more links after the explorer links (e.g. the training lab) */
  extraLinks?: ReactNode;
}

const STATUS_TEXT: Record<Live<unknown>['status'], string> = {
  waiting: 'Starts when you scroll here.',
  running: 'Computing in the engine…',
  done: '',
  error: '',
};

export function Figure({
  id,
  label,
  figureRef,
  status,
  error,
  children,
  controls,
  notice,
  numbers,
  numbersCaption,
  links,
  extraLinks,
}: FigureProps) {
  return (
    <figure
      className="tour-figure"
      ref={figureRef}
      aria-label={label}
      data-testid={`figure-${id}`}
      data-status={status}
      aria-busy={status === 'running'}
    >
      <div className="tour-figure__result">{children}</div>
      {controls && (
        <div className="tour-figure__controls" role="group" aria-label="Figure controls">
          {controls}
        </div>
      )}
      <figcaption className="tour-figure__caption">
        <p className="tour-figure__status" role="status">
          {status === 'error' ? (
            <span className="tour-error">The engine could not compute this figure: {error}</span>
          ) : (
            STATUS_TEXT[status]
          )}
        </p>
        <p className="tour-notice" data-testid={`notice-${id}`}>
          <strong>What to notice: </strong>
          {notice}
        </p>
        {numbers && numbers.length > 0 && (
          <NumbersTable caption={numbersCaption ?? 'The numbers in this figure'} rows={numbers} />
        )}
        {(links?.length ?? 0) > 0 && <ExplorerLinks states={links ?? []} />}
        {extraLinks}
      </figcaption>
    </figure>
  );
}
