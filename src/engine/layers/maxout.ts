import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface MaxoutArgs extends LayerArgs {
  /** number of maxout units (outputs) */
  units: number;
  /** linear pieces per unit; each unit outputs the max over its pieces */
  pieces: number;
  /** seed of the Glorot-uniform kernel initialiser (loaded weights overwrite it) */
  seed?: number;
  /** optional max-norm of each kernel column (one piece's weight vector), as in Goodfellow 2013 */
  maxNorm?: number;
}

/**
 * A dense maxout layer (Goodfellow et al. 2013): h_u = max_k (x . W[:, u*pieces + k] + b[u*pieces + k]).
 * The kernel is [inputDim, units * pieces] with column = unit * pieces + piece, so one matMul
 * computes every piece and a reshape to [batch, units, pieces] groups the pieces of a unit.
 */
export class Maxout extends tf.layers.Layer {
  static className = 'Maxout';

  readonly units: number;
  readonly pieces: number;
  readonly seed: number | undefined;
  readonly maxNorm: number | undefined;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: MaxoutArgs) {
    super(args);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new RangeError(`Maxout: units must be a positive integer, got ${args.units}`);
    }
    if (!Number.isInteger(args.pieces) || args.pieces < 1) {
      throw new RangeError(`Maxout: pieces must be a positive integer, got ${args.pieces}`);
    }
    if (args.maxNorm !== undefined && !(args.maxNorm > 0)) {
      throw new RangeError(`Maxout: maxNorm must be positive, got ${args.maxNorm}`);
    }
    this.units = args.units;
    this.pieces = args.pieces;
    this.seed = args.seed;
    this.maxNorm = args.maxNorm;
    this.inputSpec = [{ minNDim: 2 }];
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[shape.length - 1];
    if (typeof inputDim !== 'number') {
      throw new Error('Maxout: the last input dimension must be known');
    }
    const columns = this.units * this.pieces;
    const constraint =
      this.maxNorm === undefined
        ? undefined
        : tf.constraints.maxNorm({ maxValue: this.maxNorm, axis: 0 });
    this.kernel = this.addWeight(
      'kernel',
      [inputDim, columns],
      'float32',
      tf.initializers.glorotUniform({ seed: this.seed }),
      undefined,
      true,
      constraint,
    );
    this.bias = this.addWeight('bias', [columns], 'float32', tf.initializers.zeros());
    this.inputSpec = [{ minNDim: 2, axes: { [-1]: inputDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (x === undefined || this.kernel === null || this.bias === null) {
        throw new Error('Maxout: called before build');
      }
      const outer = x.shape.slice(0, -1);
      const flat = x.reshape([-1, x.shape[x.shape.length - 1] ?? 0]);
      const z = tf.add(tf.matMul(flat, this.kernel.read()), this.bias.read());
      const grouped = z.reshape([-1, this.units, this.pieces]);
      return tf.max(grouped, 2).reshape([...outer, this.units]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      ...super.getConfig(),
      units: this.units,
      pieces: this.pieces,
    };
    if (this.seed !== undefined) config['seed'] = this.seed;
    if (this.maxNorm !== undefined) config['maxNorm'] = this.maxNorm;
    return config;
  }
}
