/** One image through one attack, with everything the attack view shows read back. */
import * as tf from '@tensorflow/tfjs';
import type { AttackParams, AttackResult, ImageData01, Prediction } from '../api';
import { attackBatch } from './attack';
import type { Classifier } from './classifier';
import { predictionsFromLogits } from './predict';
import { probabilityRuleOf } from './probabilities';
import { imageToTensor, readFloat32 } from './tensors';
import { checkAttackParams, checkImage } from './validate';

async function predictOne(c: Classifier, x: tf.Tensor4D): Promise<Prediction> {
  const logits = c.logits(x);
  try {
    const [prediction] = await predictionsFromLogits(logits, probabilityRuleOf(c));
    return prediction as Prediction;
  } finally {
    logits.dispose();
  }
}

export async function attackImage(
  c: Classifier,
  image: ImageData01,
  params: AttackParams,
): Promise<AttackResult> {
  checkImage(c.inputShape, image);
  const p = checkAttackParams(params, c.numClasses);
  const x = imageToTensor(image);
  let adversarialT: tf.Tensor4D | null = null;
  try {
    const clean = await predictOne(c, x);
    // The targeted modes lower the target's loss; the others use the label source.
    const sourceLabel = p.labelSource === 'true' ? (p.trueLabel as number) : clean.predictedClass;
    const lossLabel = p.targetClass ?? sourceLabel;
    adversarialT = attackBatch(c, x, {
      mode: p.mode,
      eps: p.eps,
      labels: Int32Array.of(sourceLabel),
      target: p.targetClass,
      steps: p.steps,
      stepSize: p.stepSize,
      clip: p.clip,
      seed: p.seed,
    });
    const [attacked, adversarial] = await Promise.all([
      predictOne(c, adversarialT),
      readFloat32(adversarialT),
    ]);
    const perturbation = new Float32Array(adversarial.length);
    let linfNorm = 0;
    for (let i = 0; i < adversarial.length; i++) {
      const delta = (adversarial[i] as number) - (image.data[i] as number);
      perturbation[i] = delta;
      linfNorm = Math.max(linfNorm, Math.abs(perturbation[i] as number));
    }
    return {
      adversarial: {
        data: adversarial,
        height: image.height,
        width: image.width,
        channels: image.channels,
      },
      perturbation,
      clean,
      attacked,
      lossLabel,
      linfNorm,
    };
  } finally {
    x.dispose();
    adversarialT?.dispose();
  }
}
