// @vitest-environment happy-dom
// the view imports its CSS; tsconfig.node.json (which checks the tests) knows no CSS modules
/// <reference types="vite/client" />
/**
 * The weights comparison as a lecturer uses it: one localisation line per model on screen, with
 * its caption, and a landscape slide export offered beside SVG, PNG and CSV.
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LayerWeights } from '../../engine/api';
import { setLayoutWidth } from '../../ui/testing/pixelCanvas';
import { WeightsView } from './View';

/** two 10 x 10 dense units: weights spread evenly, and weights on 10 pixels */
function weights(localised: boolean): LayerWeights {
  const unit = (i: number) => (localised ? (i < 10 ? 1 : 0) : 0.5);
  return {
    layerName: 'dense',
    kind: 'dense',
    units: 2,
    pieces: 1,
    imageShape: [10, 10, 1],
    data: Float32Array.from({ length: 200 }, (_, i) => unit(i % 100)),
  };
}

let host: HTMLElement;
let root: Root;
const undo: (() => void)[] = [];

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  undo.push(setLayoutWidth(900));
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  for (const f of undo.splice(0).reverse()) f();
});

describe('weights comparison', () => {
  it('says per model how localised its weights are, and offers a slide export', () => {
    act(() =>
      root.render(
        createElement(WeightsView, {
          left: { title: 'Naive', weights: weights(false) },
          right: { title: 'Adversarial', weights: weights(true) },
          page: 0,
          onPageChange: () => {},
          unitsPerPage: 4,
        }),
      ),
    );
    const block = host.querySelector('[data-testid="weights-localisation"]');
    const lines = Array.from(
      block?.querySelectorAll('.weights-view__localisation-line') ?? [],
      (p) => p.textContent,
    );
    expect(lines).toEqual([
      'Naive: top 10% of pixels hold 10% of |w| (mean of 2 filters)',
      'Adversarial: top 10% of pixels hold 100% of |w| (mean of 2 filters)',
    ]);
    expect(block?.textContent).toMatch(/10% is spread evenly/);
    const slide = host.querySelector<HTMLButtonElement>('[data-testid="weights-export-slide"]');
    expect(slide?.textContent).toBe('Slide PNG');
    expect(slide?.getAttribute('aria-label')).toMatch(/1920 × 1080 slide/);
    expect(slide?.disabled).toBe(false);
  });
});
