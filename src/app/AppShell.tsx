import { FirstVisitHint } from '../features/notice/FirstVisitHint';
import { ModelSwitchNotice } from '../features/own-image/ModelSwitchNotice';
import { OwnImagePanel } from '../features/own-image/OwnImagePanel';
import { useAppStore } from '../state';
import { AppErrors } from './AppErrors';
import { Header } from './Header';
import { ImagePicker } from './ImagePicker';
import { ModelPicker } from './ModelPicker';
import { OfflineNotice } from './OfflineNotice';
import { StatusBar } from './StatusBar';
import { ViewTabs } from './ViewTabs';
import './app.css';

/** The page: header, errors, pickers beside the views, and the engine status bar. */
export function AppShell() {
  const theme = useAppStore((s) => s.theme);
  return (
    <div className="ae-app" data-theme={theme === 'system' ? undefined : theme}>
      <a className="ae-skip-link" href="#ae-main">
        Skip to the views
      </a>
      <Header />
      <AppErrors />
      <OfflineNotice />
      <div className="ae-app__body">
        <aside className="ae-sidebar" aria-label="Model and test image">
          <ModelPicker />
          <ModelSwitchNotice />
          <OwnImagePanel />
          <ImagePicker />
        </aside>
        <main id="ae-main" className="ae-main">
          <FirstVisitHint />
          <ViewTabs />
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
