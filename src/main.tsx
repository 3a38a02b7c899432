/** The page entry: one engine client, one store, the explorer. No tfjs here (it is in the worker). */
import { Explorer } from './app/Explorer';
import { renderIntoRoot, startPage } from './app/startPage';
import './styles.css';

const { store, env } = startPage();
renderIntoRoot(<Explorer store={store} env={env} />, 'index.html');
