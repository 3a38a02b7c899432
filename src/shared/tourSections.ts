/**
 * The guided tour's sections (tour.html): their anchors and titles, in reading order. The tour
 * renders them; the explorer's "what to notice" captions link to the section behind each view.
 */

export type TourSectionId =
  | 'linear'
  | 'fgsm-vs-noise'
  | 'sweep'
  | 'cross-sections'
  | 'weights'
  | 'harnessing'
  | 'rubbish'
  | 'transfer';

export interface TourSection {
  id: TourSectionId;
  title: string;
}

export const TOUR_SECTIONS: readonly TourSection[] = [
  { id: 'linear', title: 'Many small changes add up' },
  { id: 'fgsm-vs-noise', title: 'The gradient sign against noise of the same size' },
  { id: 'sweep', title: 'Walking along one direction (Fig. 4)' },
  { id: 'cross-sections', title: 'Half-spaces, not pockets' },
  { id: 'weights', title: 'What adversarial training does to the weights (Fig. 2, 3)' },
  { id: 'harnessing', title: 'Training on adversarial examples' },
  { id: 'rubbish', title: 'Rubbish inputs, and a model that knows it does not know' },
  { id: 'transfer', title: 'One perturbation, many models' },
];

/** The tour section that explains each explorer view. */
export const TOUR_SECTION_OF_VIEW: Readonly<Record<string, TourSectionId>> = {
  image: 'fgsm-vs-noise',
  compare: 'fgsm-vs-noise',
  sweep: 'sweep',
  'cross-section': 'cross-sections',
  weights: 'weights',
  experiments: 'harnessing',
  train: 'harnessing',
};

/** tour.html#<section>, relative to the app's folder. */
export function tourHref(section: TourSectionId): string {
  return `tour.html#${section}`;
}
