import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface RBFArgs extends LayerArgs {
  /** number of RBF units: one per class */
  units: number;
  /** seed of the uniform [0, 1) initialiser of the centres mu (loaded weights overwrite it) */
  seed?: number;
  /** initial value of every precision beta (default 0.01) */
  betaInit?: number;
}

/**
 * Shallow RBF layer of Goodfellow et al. 2015: one unit per class with centre mu_i and diagonal
 * precision beta_i. It outputs the log-scores
 *   s_i(x) = -(x - mu_i)^T diag(beta_i) (x - mu_i)  (always <= 0),
 * so the paper's per-class probability p(y = i | x) = exp(s_i) (not normalised across classes).
 *
 * beta is stored as is (weights `mu` and `beta`, both [inputDim, units]) and kept >= 0 by a
 * non-negativity constraint, which the training loop applies after every step (projected
 * gradient). Storing beta itself, rather than a softplus or square root of it, keeps the
 * exported weights readable: the engine can draw mu and beta directly.
 *
 * The quadratic form is expanded into two matMuls instead of a [batch, inputDim, units]
 * broadcast: s = -(x^2 . beta - 2 x . (beta * mu) + sum_j beta_j mu_j^2).
 */
export class RBF extends tf.layers.Layer {
  static className = 'RBF';

  readonly units: number;
  readonly seed: number | undefined;
  readonly betaInit: number;
  private mu: tf.LayerVariable | null = null;
  private beta: tf.LayerVariable | null = null;

  constructor(args: RBFArgs) {
    super(args);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new RangeError(`RBF: units must be a positive integer, got ${args.units}`);
    }
    const betaInit = args.betaInit ?? 0.01;
    if (!(betaInit >= 0)) throw new RangeError(`RBF: betaInit must be >= 0, got ${betaInit}`);
    this.units = args.units;
    this.seed = args.seed;
    this.betaInit = betaInit;
    this.inputSpec = [{ ndim: 2 }];
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[shape.length - 1];
    if (typeof inputDim !== 'number') throw new Error('RBF: the input dimension must be known');
    this.mu = this.addWeight(
      'mu',
      [inputDim, this.units],
      'float32',
      tf.initializers.randomUniform({ minval: 0, maxval: 1, seed: this.seed }),
    );
    this.beta = this.addWeight(
      'beta',
      [inputDim, this.units],
      'float32',
      tf.initializers.constant({ value: this.betaInit }),
      undefined,
      true,
      tf.constraints.nonNeg(),
    );
    this.inputSpec = [{ ndim: 2, axes: { [-1]: inputDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0] ?? null, this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor2D | undefined;
      if (x === undefined || this.mu === null || this.beta === null) {
        throw new Error('RBF: called before build');
      }
      const mu = this.mu.read() as tf.Tensor2D;
      const beta = this.beta.read() as tf.Tensor2D;
      const betaMu = tf.mul(beta, mu);
      const quadratic = tf.matMul(tf.square(x), beta);
      const cross = tf.matMul(x, betaMu).mul(2);
      const constant = tf.sum(tf.mul(betaMu, mu), 0);
      return tf.neg(quadratic.sub(cross).add(constant));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      ...super.getConfig(),
      units: this.units,
      betaInit: this.betaInit,
    };
    if (this.seed !== undefined) config['seed'] = this.seed;
    return config;
  }
}
