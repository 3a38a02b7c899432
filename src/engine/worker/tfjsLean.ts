/**
 * What `@tensorflow/tfjs` is in the browser build (vite.config.ts aliases it here; Node and the
 * unit tests keep the union package): the union without the WebGL backend, the converter and
 * tfjs-data. Every engine worker and peer parses its script before it answers, and these three
 * were ~40% of it while a start needs none of them: the WebGL backend loads when it starts
 * (backend.ts), the converter when someone brings a graph model (ownModelGraphLoad.ts), and
 * tfjs-data is not used.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
export * from '@tensorflow/tfjs-backend-cpu';
