import { useShallow } from 'zustand/react/shallow';
import { CrossSectionView } from '../../features/cross-section/View';
import { imageAt } from '../../shared/dataset';
import { formatFloat32 } from '../../shared/csv';
import { probeAt } from '../probeCell';
import {
  selectClassNames,
  selectCsEpsMax,
  selectCsOnlyOwnPicture,
  selectSelectedManifest,
  selectDataset,
  useAppStore,
  useAppStoreApi,
  type AppState,
} from '../../state';

const selectCrossSection = (s: AppState) => ({
  maps: s.csModelId === s.selectedModelId ? s.csMaps : NO_MAPS,
  classNames: selectClassNames(s),
  epsMax: selectCsEpsMax(s),
  resolution: s.csResolution,
  setResolution: s.setCsResolution,
  count: s.csCount,
  onlyOwn: selectCsOnlyOwnPicture(s),
  title: selectSelectedManifest(s)?.title ?? '',
  setCount: s.setCsCount,
  seed: s.csSeed,
  reseed: s.reseedCs,
  planes: s.csPlanes,
  setPlanes: s.setCsPlanes,
  longJob: s.csLongJob?.modelId === s.selectedModelId ? s.csLongJob : null,
  approveLongJob: s.approveCsLongJob,
});

const NO_MAPS: AppState['csMaps'] = [];

/** The cross-section maps fed from the store; a clicked cell becomes the image panel's image. */
export function CrossSectionPanel() {
  const p = useAppStore(useShallow(selectCrossSection));
  const store = useAppStoreApi();

  const loadCell = (mapIndex: number, horizontalEps: number, verticalEps: number) => {
    const s = store.getState();
    const map = s.csMaps[mapIndex];
    const dataset = selectDataset(s);
    const base = map?.image ?? (dataset && map ? imageAt(dataset, map.imageIndex) : null);
    if (!map?.result || !base || !s.selectedModelId) return;
    const source = {
      modelId: s.selectedModelId,
      baseIndex: map.imageIndex,
      trueLabel: map.trueLabel,
      base,
      directions: map.result,
      clip: s.clip,
      horizontal: map.horizontal,
    };
    // the shortest decimals of the map's float32 offsets: a short link that makes the same point
    const short = (v: number) => Number(formatFloat32(v));
    s.setProbeImage(probeAt(source, short(horizontalEps), short(verticalEps)));
    s.setActiveTab('image');
  };

  return (
    <CrossSectionView
      maps={p.maps}
      classNames={p.classNames}
      epsMax={p.epsMax}
      resolution={p.resolution}
      onResolutionChange={p.setResolution}
      count={p.count}
      onCountChange={p.setCount}
      singleImageNote={
        p.onlyOwn
          ? `Only your picture is mapped: ${p.title} has no test images in this app to map beside it.`
          : null
      }
      onReseed={p.reseed}
      onCellClick={loadCell}
      seed={p.seed}
      planes={p.planes}
      onPlanesChange={p.setPlanes}
      longJob={p.longJob}
      onApproveLongJob={p.approveLongJob}
    />
  );
}
