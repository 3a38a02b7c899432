/**
 * tour.html: a guided tour of the paper, one idea per section, each with a live figure computed
 * by the page's one engine. The page header links back to the explorer.
 */
import { useEffect, useState } from 'react';
import { TOUR_SECTIONS } from '../shared/tourSections';
import { TourRuntimeContext } from './runtime/context';
import type { TourRuntime } from './runtime/tourRuntime';
import { EngineLine } from './components/EngineLine';
import { ThemeSelect, type TourTheme } from './components/ThemeSelect';
import { S1Linear } from './sections/S1Linear';
import { S2FgsmVsNoise } from './sections/S2FgsmVsNoise';
import { S3Sweep } from './sections/S3Sweep';
import { S4CrossSections } from './sections/S4CrossSections';
import { S5Weights } from './sections/S5Weights';
import { S6Harnessing } from './sections/S6Harnessing';
import { S7Rubbish } from './sections/S7Rubbish';
import { S8Transfer } from './sections/S8Transfer';
import './tour.css';

export function TourPage({ runtime }: { runtime: TourRuntime }) {
  const [theme, setTheme] = useState<TourTheme>('system');

  // the sections exist only after the first render: honour a #section link then
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();
  }, []);

  return (
    <TourRuntimeContext.Provider value={runtime}>
      <div className="ae-app tour" data-theme={theme === 'system' ? undefined : theme}>
        <a className="tour-skip-link" href="#tour-main">
          Skip to the tour
        </a>
        <header className="tour-header">
          <a className="tour-header__back" href="./" data-testid="tour-back">
            ← Adversarial Explorer
          </a>
          <div className="tour-header__tools">
            <EngineLine />
            <ThemeSelect value={theme} onChange={setTheme} />
          </div>
        </header>
        <main id="tour-main" className="tour-main">
          <h1>Explaining and harnessing adversarial examples: a guided tour</h1>
          <p className="tour-lede">
            In 2015 Ian Goodfellow, Jonathon Shlens and Christian Szegedy explained why neural
            networks can be fooled by changes to an image that a person does not notice, and how to
            use that weakness to train better networks (
            <a href="https://arxiv.org/abs/1412.6572">arXiv 1412.6572</a>). This page walks through
            their argument one idea at a time. Every figure is computed as you read, in your
            browser, by the same engine and the same trained models as the explorer, and each one
            has a link that opens it there for you to take further.
          </p>
          <nav className="tour-toc" aria-label="Sections">
            <ol>
              {TOUR_SECTIONS.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`}>{s.title}</a>
                </li>
              ))}
            </ol>
          </nav>
          <S1Linear />
          <S2FgsmVsNoise />
          <S3Sweep />
          <S4CrossSections />
          <S5Weights />
          <S6Harnessing />
          <S7Rubbish />
          <S8Transfer />
          <footer className="tour-footer">
            <p>
              Written for this project in our own words. The numbers quoted from the shipped models
              come from <code>models/index.json</code>, measured on the full test sets with{' '}
              <code>npm run measure</code>; the others are computed live on this page.
            </p>
          </footer>
        </main>
      </div>
    </TourRuntimeContext.Provider>
  );
}
