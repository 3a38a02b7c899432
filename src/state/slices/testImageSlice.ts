import { snapEligible, stepEligible } from '../labelMap';
import { stepInOrder } from '../browseOrder';
import { selectBrowseOrder, selectDataset, selectEligibleIndices } from '../selectors';
import type { AppSlice } from '../sliceTypes';
import { leaveOwnImage } from './ownImage';
import type { TestImageActions, TestImageData } from '../types';

export const testImageDefaults: TestImageData = {
  testSets: {},
  selectedIndex: 0,
};

export const createTestImageSlice: AppSlice<TestImageData & TestImageActions> = (set, get) => {
  /**
   * Wraps around the loaded test set and, for a model of some of its classes, moves on to the
   * next image of those; without a test set, only keeps the index a whole number >= 0.
   */
  const normalise = (index: number): number => {
    const i = Number.isFinite(index) ? Math.trunc(index) : 0;
    const count = selectDataset(get())?.count;
    if (count === undefined || count <= 0) return Math.max(0, i);
    const wrapped = ((i % count) + count) % count;
    const eligible = selectEligibleIndices(get());
    return eligible ? snapEligible(eligible, wrapped) : wrapped;
  };
  return {
    ...testImageDefaults,
    setTestSet: (id, state) => {
      set((s) => ({ testSets: { ...s.testSets, [id]: state } }));
      // an index from the URL may exceed a smaller test set
      if (state.status === 'ready') set((s) => ({ selectedIndex: normalise(s.selectedIndex) }));
    },
    // picking a test image leaves the user's own picture
    selectIndex: (index) =>
      set((s) => ({
        selectedIndex: normalise(index),
        probeImage: null,
        ...leaveOwnImage(s),
        csPendingCell: null,
      })),
    stepIndex: (delta) =>
      set((s) => {
        const eligible = selectEligibleIndices(s);
        const order = selectBrowseOrder(s);
        return {
          selectedIndex: order
            ? stepInOrder(order, s.selectedIndex, delta)
            : eligible
              ? stepEligible(eligible, s.selectedIndex, delta)
              : normalise(s.selectedIndex + delta),
          probeImage: null,
          ...leaveOwnImage(s),
        };
      }),
    randomIndex: (random = Math.random) => {
      const eligible = selectEligibleIndices(get());
      const count = eligible?.length ?? selectDataset(get())?.count ?? 0;
      if (count <= 0) return;
      const k = Math.floor(random() * count) % count;
      set((s) => ({
        selectedIndex: eligible ? (eligible[k] ?? 0) : k,
        probeImage: null,
        ...leaveOwnImage(s),
      }));
    },
  };
};
