import { ShareButtons } from './share/ShareDialog';
import { ThemeToggle } from './ThemeToggle';

export function Header() {
  return (
    <header className="ae-header">
      <div className="ae-header__text">
        <h1>Adversarial Explorer</h1>
        <p className="ae-header__tagline">
          Re-run Goodfellow, Shlens &amp; Szegedy (2015),{' '}
          <cite>Explaining and Harnessing Adversarial Examples</cite>, live: one step of size ε
          along the sign of the gradient fools a classifier that barely notices random noise of the
          same size.
        </p>
      </div>
      <a className="ae-header__tour" href="tour.html" data-testid="header-tour-link">
        Guided tour
      </a>
      <ShareButtons />
      <ThemeToggle />
    </header>
  );
}
