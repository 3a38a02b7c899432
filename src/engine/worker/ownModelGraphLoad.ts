/**
 * An own GraphModel (e.g. a TF-Hub or converted SavedModel export), adapted to the Classifier
 * contract. The head model.json's topology ends in (Softmax -> Identity and the like, found by
 * ownModelGraph) and the output's numbers on probe inputs decide how it is read
 * (ownOutputPlan); below a Softmax the attack executes the graph up to the Softmax's input.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelManifest } from '../../models/manifest';
import type { GraphHead } from '../../models/ownModelGraph';
import { OwnModelError } from '../../models/ownModelError';
import type { ModelJsonFacts } from '../../models/ownModelJson';
import { outputKindOf } from '../../models/ownModelOutput';
import { classNamesFor } from '../../models/ownModelManifest';
import { classifierFromGraphModel, graphOutputSize } from '../core/graphClassifier';
import { OUTPUT_READERS } from '../core/outputReaders';
import {
  classCount,
  messageOf,
  outputSize,
  refuseNonFinite,
  rethrowBreaking,
} from './ownModelChecks';
import type { LoadedOwnModel } from './ownModelTypes';
import { decideOutput, probeVerdict, type HeadFound } from './ownOutputPlan';
import { probeOutput } from './ownOutputProbe';

const HEAD_KINDS: Record<GraphHead['op'], HeadFound['kind']> = {
  Softmax: 'softmax',
  Sigmoid: 'sigmoid',
  LogSoftmax: 'log-softmax',
};

function headFound(head: GraphHead | undefined): HeadFound | null {
  if (!head) return null;
  return { kind: HEAD_KINDS[head.op], where: `the graph ends in ${head.path.join(' → ')}` };
}

/** Values per image of `node`, checked to be one score per class. */
async function nodeOutputs(model: tf.GraphModel, manifest: ModelManifest, node: string) {
  let size: { shape: number[] };
  try {
    size = await graphOutputSize(model, manifest.modelInputShape, node);
  } catch (e) {
    rethrowBreaking(e);
    throw new OwnModelError(
      `the graph does not run on a ${manifest.inputShape.join('x')} image (${messageOf(e)})`,
    );
  }
  return outputSize([null, ...size.shape]);
}

export async function loadGraph(
  artifacts: tf.io.ModelArtifacts,
  facts: ModelJsonFacts,
  manifest: ModelManifest,
  names: string[] | null,
): Promise<LoadedOwnModel> {
  let model: tf.GraphModel;
  try {
    // the converter loads only here: the browser's engine script leaves it out (tfjsLean.ts)
    const { loadGraphModel } = await import('@tensorflow/tfjs-converter');
    model = await loadGraphModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    rethrowBreaking(e);
    throw new OwnModelError(`the weights do not match the graph (${messageOf(e)})`);
  }
  const release = (): void => model.dispose();
  try {
    await refuseNonFinite(
      Object.entries(model.weights).flatMap(([name, ts]) =>
        ts.map((t): [string, tf.Tensor] => [name, t]),
      ),
    );
    const end = facts.graphOutput ?? model.outputNodes[0] ?? '';
    const outputs = await nodeOutputs(model, manifest, end);
    const probe = await probeOutput(
      (x) => model.execute(x, end) as tf.Tensor,
      manifest.inputShape,
      manifest.modelInputShape,
      manifest.preprocessing.range,
    );
    const decided = decideOutput({
      choice: manifest.outputChoice ?? 'auto',
      head: headFound(facts.graphHead),
      verdict: probeVerdict(probe.values, probe.cols),
      outputs,
    });
    const node = decided.belowHead && facts.graphHead ? facts.graphHead.input : end;
    const attacked = node === end ? outputs : await nodeOutputs(model, manifest, node);
    const numClasses = classCount(attacked, decided.read);
    const resolved = {
      ...manifest,
      classNames: classNamesFor(numClasses, names),
      output: outputKindOf(decided.kind),
    };
    const classifier = classifierFromGraphModel(model, resolved, {
      outputNode: node,
      numClasses,
      read: OUTPUT_READERS[decided.read],
    });
    const parameterCount = Object.values(model.weights)
      .flat()
      .reduce((n, t) => n + t.size, 0);
    return {
      manifest: resolved,
      model: null,
      classifier,
      notes: [decided.report.how, `attacking the graph's node ${node}`],
      report: decided.report,
      parameterCount,
      release,
    };
  } catch (e) {
    release();
    throw e;
  }
}
