/**
 * A first visit's suggested path through the paper: attack, compare with noise, sweep. Each step
 * sets the explorer up for it; the hint is dismissed once and stays dismissed (localStorage).
 */
import { useState } from 'react';
import { tourHref } from '../../shared/tourSections';
import { useAppStore } from '../../state';
import { startsOpenOnThisScreen } from '../../ui/narrowScreen';
import './notice.css';

const STORAGE_KEY = 'adversarial-explorer:first-visit-hint';

function wasDismissed(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'dismissed';
  } catch {
    return false; // storage blocked (a sandboxed frame): show it
  }
}

function rememberDismissed(): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, 'dismissed');
  } catch {
    // nothing to remember it in: it is gone for this page only
  }
}

export function FirstVisitHint() {
  const [dismissed, setDismissed] = useState(wasDismissed);
  // read once: the user's own opening or closing stays while the page is resized
  const [open] = useState(startsOpenOnThisScreen);
  const setTab = useAppStore((s) => s.setActiveTab);
  const setMode = useAppStore((s) => s.setAttackMode);
  if (dismissed) return null;
  const dismiss = () => {
    rememberDismissed();
    setDismissed(true);
  };
  return (
    <aside className="ae-hint" aria-label="Where to start" data-testid="first-visit-hint">
      <details className="ae-hint__body" open={open}>
        <summary className="ae-hint__lead">New here? Three steps through the paper</summary>
        <ol className="ae-hint__steps">
          <li>
            <button
              type="button"
              onClick={() => {
                setMode('fgsm');
                setTab('image');
              }}
              data-testid="hint-step-attack"
            >
              Attack a digit with FGSM
            </button>
          </li>
          <li>
            <button
              type="button"
              onClick={() => {
                setMode('random-sign');
                setTab('image');
              }}
              data-testid="hint-step-noise"
            >
              Compare with noise of the same size
            </button>
          </li>
          <li>
            <button type="button" onClick={() => setTab('sweep')} data-testid="hint-step-sweep">
              Sweep ε along the attack
            </button>
          </li>
        </ol>
        <a className="ae-hint__tour" href={tourHref('linear')}>
          or read the guided tour
        </a>
      </details>
      <button
        type="button"
        className="ae-hint__close"
        onClick={dismiss}
        aria-label="Dismiss this hint"
        data-testid="hint-dismiss"
      >
        ×
      </button>
    </aside>
  );
}
