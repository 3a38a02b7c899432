/** One idea of the tour: a numbered heading (the anchor the explorer links to) and its content. */
import type { ReactNode } from 'react';
import { TOUR_SECTIONS, type TourSectionId } from '../../shared/tourSections';

export function Section({ id, children }: { id: TourSectionId; children: ReactNode }) {
  const index = TOUR_SECTIONS.findIndex((s) => s.id === id);
  const title = TOUR_SECTIONS[index]?.title ?? id;
  return (
    <section
      id={id}
      className="tour-section"
      aria-labelledby={`${id}-title`}
      data-testid={`section-${id}`}
    >
      <h2 id={`${id}-title`}>
        <span className="tour-section__number">{index + 1}.</span> {title}
      </h2>
      {children}
    </section>
  );
}
