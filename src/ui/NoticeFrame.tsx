/**
 * The "What to notice" caption frame above a view: collapsible (folded on a phone, so the
 * results come first), with a "?" that opens the guided tour at the section explaining the view.
 * The captions themselves are written by each view from the numbers it shows.
 */
import { useState, type ReactNode } from 'react';
import { TOUR_SECTION_OF_VIEW, tourHref } from '../shared/tourSections';
import { startsOpenOnThisScreen } from './narrowScreen';
import './noticeFrame.css';

export function NoticeFrame({ view, children }: { view: string; children: ReactNode }) {
  const section = TOUR_SECTION_OF_VIEW[view];
  // read once: a caption the user opened or closed stays so while the page is resized
  const [open] = useState(startsOpenOnThisScreen);
  return (
    <details className="ae-notice" open={open} data-testid={`notice-${view}`}>
      <summary>What to notice</summary>
      <p>
        {children}{' '}
        {section && (
          <a
            className="ae-notice__tour"
            href={tourHref(section)}
            aria-label="Explained in the guided tour"
            title="Explained in the guided tour"
            data-testid="notice-tour-link"
          >
            ?
          </a>
        )}
      </p>
    </details>
  );
}
