/**
 * A peer of `npm run train` (a worker thread, started by trainPeers.ts): builds the same network
 * on its own tfjs backend and computes shares of the steps' batches at the weights each share
 * carries, with the shared core's code (stepShare.ts).
 */
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { classifierFromLayersModel } from '../../src/engine/core/layersClassifier';
import { peerShareGradients, type StepModel } from '../../src/engine/core/training/stepShare';
import { labStepModel } from '../../src/engine/core/training/labShares';
import { registerCustomLayers } from '../../src/engine/layers/register';
import { findRecipe } from './architectures';
import { chooseBackend } from './backend';
import type { FromPeer, PeerNetwork, ToPeer } from './trainPeerProtocol';
import { baseManifest } from './zooIndex';

function stepModel(network: PeerNetwork): StepModel {
  if (network.kind === 'recipe') {
    const recipe = findRecipe(network.recipeId);
    const manifest = baseManifest(recipe, network.classNames);
    // the seed does not matter: every share carries the weights
    const model = recipe.build(0, network.inputDim, manifest.classNames.length);
    return {
      model,
      classifier: classifierFromLayersModel(model, manifest),
      loss: recipe.loss,
      dropout: recipe.dropout,
      objective: network.objective,
    };
  }
  return labStepModel(network);
}

/** The buffers of arrays that own them whole (a view into wasm memory is copied instead). */
function transferable(arrays: Float32Array[]): { arrays: Float32Array[]; buffers: ArrayBuffer[] } {
  const own = arrays.map((a) =>
    a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer
      ? a
      : a.slice(),
  );
  return { arrays: own, buffers: own.map((a) => a.buffer as ArrayBuffer) };
}

const port = parentPort;
if (!port) throw new Error('trainPeer.ts runs as a worker thread');
const send = (message: FromPeer, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer);
let evaluator: { m: StepModel; variables: tf.Variable[] } | null = null;
// shares are computed one after another, in the order they came
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: ToPeer) => {
  queue = queue.then(async () => {
    const id = message.type === 'share' ? message.id : null;
    try {
      if (message.type === 'init') {
        await chooseBackend(message.init.backend);
        registerCustomLayers();
        const m = stepModel(message.init.network);
        evaluator = { m, variables: m.model.trainableWeights.map((v) => v.read() as tf.Variable) };
        send({ type: 'ready' });
        return;
      }
      if (!evaluator) throw new Error('the peer got a share before its network');
      const result = await peerShareGradients(evaluator.m, evaluator.variables, message.share);
      const { arrays, buffers } = transferable(result.grads);
      send({ type: 'result', id: message.id, result: { ...result, grads: arrays } }, buffers);
    } catch (error) {
      send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
    }
  });
});
