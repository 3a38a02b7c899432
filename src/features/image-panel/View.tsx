import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { isImageNetModel } from '../../models/gallery';
import type { ModelManifest } from '../../models/manifest';
import { imageAt } from '../../shared/dataset';
import {
  selectClassNames,
  selectDataset,
  selectActiveOwn,
  selectProbe,
  selectSelectedManifest,
  selectShownTrueLabel,
  selectUnnormalisedProbabilities,
  useAppStore,
  type AppState,
} from '../../state';
import { AttackControls } from './AttackControls';
import { RESULT_TITLES } from './attackModes';
import { ExportPng } from './ExportPng';
import { NoTestImages } from './NoTestImages';
import { ImagePanelRenderer, type PanelAttack } from './renderer';
import './imagePanel.css';

const isImageNet = (m: ModelManifest | undefined): boolean => m !== undefined && isImageNetModel(m);

const selectPanel = (s: AppState) => ({
  dataset: selectDataset(s),
  index: s.selectedIndex,
  modelId: s.selectedModelId,
  outcome: s.attackOutcome,
  mode: s.attackMode,
  targetClass: s.targetClass,
  trueLabel: selectShownTrueLabel(s),
  classNames: selectClassNames(s),
  probe: selectProbe(s),
  own: selectActiveOwn(s),
  clearProbe: s.setProbeImage,
  unnormalised: selectUnnormalisedProbabilities(s),
  imagenet: isImageNet(selectSelectedManifest(s)),
});

/** Original + perturbation = adversarial image, with the attack controls above them. */
export function ImagePanelView() {
  const p = useAppStore(useShallow(selectPanel));
  const hostRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<ImagePanelRenderer | null>(null);

  const testImage = useMemo(
    () => (p.dataset && p.index < p.dataset.count ? imageAt(p.dataset, p.index) : null),
    [p.dataset, p.index],
  );
  const original = p.probe ? p.probe.image : p.own ? p.own.image : testImage;
  const trueLabel = p.trueLabel;

  // a result belongs to the picture only if it was computed for this model and image
  const attack: PanelAttack | null =
    p.outcome &&
    p.outcome.modelId === p.modelId &&
    p.outcome.index === p.index &&
    p.outcome.probe === p.probe &&
    (p.outcome.own ?? null) === p.own
      ? { ...p.outcome.result, eps: p.outcome.eps }
      : null;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const renderer = new ImagePanelRenderer(host);
    rendererRef.current = renderer;
    return () => {
      renderer.destroy();
      rendererRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (!original) {
      rendererRef.current?.showNothing();
      return;
    }
    rendererRef.current?.update({
      original,
      classNames: p.classNames,
      trueLabel,
      targetClass: p.mode === 'targeted' ? p.targetClass : null,
      resultTitle: RESULT_TITLES[p.mode],
      originalTitle: p.probe
        ? 'Cross-section point'
        : p.own
          ? 'Your image (as the model sees it)'
          : 'Original',
      attack,
      // an ImageNet model attacked by FGSM: the paper's Fig. 1, word for word
      figure1: p.imagenet && p.mode === 'fgsm',
    });
  });

  return (
    <section className="ae-image-panel" aria-label="Image, perturbation and result">
      <AttackControls />
      {p.probe && (
        <p className="ae-probe-note" data-testid="probe-note">
          Showing a cross-section point: {p.probe.description}.{' '}
          <button type="button" onClick={() => p.clearProbe(null)} data-testid="probe-clear">
            {p.probe.baseIndex >= 0
              ? `Back to test image ${p.probe.baseIndex}`
              : 'Back to your image'}
          </button>
        </p>
      )}
      {!original && (
        <NoTestImages
          className="ae-placeholder"
          testId="image-panel-waiting"
          fallback="Waiting for the model and its test images…"
        />
      )}
      <div ref={hostRef} hidden={!original} />
      {original && p.unnormalised && (
        <p className="ae-unnormalised-note" data-testid="unnormalised-note">
          Unnormalised RBF confidence: each class's probability is exp(s<sub>i</sub>) of its own RBF
          unit, as in the paper, so the bars need not sum to 1.
        </p>
      )}
      {attack && p.outcome && <ExportPng outcome={p.outcome} />}
    </section>
  );
}
