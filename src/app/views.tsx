/**
 * The views shown as tabs: one entry each (tab label and the component that renders its panel,
 * a container in ./views that feeds the feature's View from the store); the tab list follows
 * this table.
 */
import type { ComponentType } from 'react';
import { ImagePanelView } from '../features/image-panel/View';
import { CompareView } from '../features/image-panel/compare/CompareView';
import type { ViewTab } from '../state';
import { CrossSectionPanel } from './views/CrossSectionPanel';
import { ExperimentsPanel } from './views/ExperimentsPanel';
import { SweepPanel } from './views/SweepPanel';
import { TrainingPanel } from './views/TrainingPanel';
import { WeightsPanel } from './views/WeightsPanel';

export interface ViewEntry {
  id: ViewTab;
  label: string;
  Component: ComponentType;
}

export const VIEWS: readonly ViewEntry[] = [
  { id: 'image', label: 'Image', Component: ImagePanelView },
  { id: 'compare', label: 'Compare', Component: CompareView },
  { id: 'sweep', label: 'Sweep (Fig. 4)', Component: SweepPanel },
  { id: 'cross-section', label: 'Cross-sections', Component: CrossSectionPanel },
  { id: 'weights', label: 'Weights (Fig. 2, 3)', Component: WeightsPanel },
  { id: 'experiments', label: 'Experiments', Component: ExperimentsPanel },
  { id: 'train', label: 'Train', Component: TrainingPanel },
];
