/** tour.html: the guided tour. One engine for the page; no tfjs here (it is in the worker). */
import { exposeDevtoolsHandle } from '../app/devtoolsHandle';
import { renderIntoRoot } from '../app/startPage';
import { parseBackendParam } from '../state';
import { createTourRuntime } from './runtime/tourRuntime';
import { TourPage } from './TourPage';
import '../styles.css';

const appBase = new URL(import.meta.env.BASE_URL, window.location.href).href;
const runtime = createTourRuntime(appBase, parseBackendParam(window.location.search) ?? 'auto');
// the console (and the end-to-end test) can drive the same engine the figures use
exposeDevtoolsHandle({ client: runtime.engine, modelBaseUrl: () => runtime.modelsBaseUrl });
renderIntoRoot(<TourPage runtime={runtime} />, 'tour.html');
