/**
 * The pure model.json checks: input shapes read from Keras and graph topologies, the weight
 * size computed from the weightsManifest (elements x bytes per stored dtype) against the limit,
 * and the class-name and image-shape rules.
 */
import { describe, expect, it } from 'vitest';
import {
  imageShapeFor,
  inspectModelJson,
  OWN_MODEL_MAX_WEIGHT_BYTES,
  parseModelJsonText,
} from './ownModelJson';
import { classNamesFor, guessInputRange, parseClassNames } from './ownModelManifest';

function keras(inputShape: (number | null)[], inputs = 1) {
  const layers = Array.from({ length: inputs }, (_, i) => ({
    class_name: 'InputLayer',
    name: `in${i}`,
    config: { name: `in${i}`, batch_input_shape: [null, ...inputShape] },
  }));
  return {
    modelTopology: {
      model_config: {
        class_name: 'Model',
        config: {
          name: 'net',
          layers,
          input_layers: layers.map((l) => [l.name, 0, 0]),
          output_layers: [['out', 0, 0]],
        },
      },
    },
    weightsManifest: [
      {
        paths: ['a.bin', 'b.bin'],
        weights: [
          { name: 'k', shape: [3, 3, 3, 8], dtype: 'float32' },
          { name: 'q', shape: [10], dtype: 'float32', quantization: { dtype: 'uint8' } },
        ],
      },
    ],
  };
}

describe('inspectModelJson', () => {
  it('reads a Keras input and sizes the weights by stored dtype', () => {
    const facts = inspectModelJson(keras([28, 28, 1]));
    expect(facts.format).toBe('layers');
    expect(facts.inputShape).toEqual([28, 28, 1]);
    expect(facts.modelName).toBe('net');
    // 3*3*3*8 float32 = 864 bytes, 10 uint8-quantised = 10 bytes
    expect(facts.weightGroups).toEqual([{ paths: ['a.bin', 'b.bin'], bytes: 874 }]);
  });

  it('reads a graph placeholder (weights named like placeholders are not inputs)', () => {
    const facts = inspectModelJson({
      modelTopology: {
        node: [
          {
            name: 'images',
            op: 'Placeholder',
            attr: { shape: { shape: { dim: [{ size: '-1' }, { size: '4' }, { size: '4' }, { size: '3' }] } } },
          },
          { name: 'w', op: 'Const' },
          { name: 'logits', op: 'MatMul', input: ['images', 'w'] },
          { name: 'probs', op: 'Softmax', input: ['logits:0'] },
        ],
      },
      weightsManifest: [{ paths: ['g.bin'], weights: [{ name: 'w', shape: [48, 2], dtype: 'float32' }] }],
    });
    expect(facts.format).toBe('graph');
    expect(facts.inputShape).toEqual([4, 4, 3]);
    expect(facts.graphOutput).toBe('probs');
    expect(facts.graphHead).toEqual({ op: 'Softmax', input: 'logits', path: ['Softmax'] });
  });

  it('finds the head a converter hides behind pass-through ops (Softmax -> Reshape -> Identity)', () => {
    const node = (name: string, op: string, input: string[] = []) => ({ name, op, input });
    const graph = (tail: { name: string; op: string; input: string[] }[]) =>
      inspectModelJson({
        modelTopology: {
          node: [
            {
              name: 'x',
              op: 'Placeholder',
              attr: { shape: { shape: { dim: [{ size: '-1' }, { size: '4' }] } } },
            },
            node('w', 'Const'),
            node('logits', 'MatMul', ['x', 'w']),
            ...tail,
          ],
        },
        weightsManifest: [{ paths: ['g.bin'], weights: [{ name: 'w', shape: [4, 2], dtype: 'float32' }] }],
      });
    const facts = graph([
      node('probs', 'Softmax', ['logits']),
      node('shaped', 'Reshape', ['probs', '^w']),
      node('Identity', 'Identity', ['shaped:0']),
    ]);
    expect(facts.graphOutput).toBe('Identity');
    expect(facts.graphHead).toEqual({
      op: 'Softmax',
      input: 'logits',
      path: ['Softmax', 'Reshape', 'Identity'],
    });
    // a real op between the softmax and the output: no head (the numbers decide on loading)
    expect(graph([node('probs', 'Softmax', ['logits']), node('Identity', 'Mul', ['probs', 'w'])]).graphHead).toBeUndefined();
    expect(graph([node('Identity', 'Identity', ['logits'])]).graphHead).toBeUndefined();
  });

  it('refuses what the explorer cannot attack, each with its reason', () => {
    expect(() => parseModelJsonText('nope')).toThrow(/not JSON/);
    expect(() => inspectModelJson({ a: 1 })).toThrow(/not a TF\.js model/);
    expect(() => inspectModelJson(keras([8, 8, 3], 2))).toThrow(/2 inputs/);
    expect(() => inspectModelJson(keras([8, 8, 4]))).toThrow(/4 channels/);
    expect(() => inspectModelJson(keras([null, null, 3]))).toThrow(/open height or width/);
    const big = keras([8, 8, 3]);
    const elements = OWN_MODEL_MAX_WEIGHT_BYTES / 4 + 1;
    big.weightsManifest[0]?.weights.push({ name: 'big', shape: [elements], dtype: 'float32' });
    expect(() => inspectModelJson(big)).toThrow(/more than the 100\.0 MB/);
    const noWeights: { weightsManifest?: unknown } = keras([8, 8, 3]);
    delete noWeights.weightsManifest;
    expect(() => inspectModelJson(noWeights)).toThrow(/no "weightsManifest"/);
  });
});

describe('image shape, range guess, class names', () => {
  it('asks a flat model for a shape whose product is its input size', () => {
    const flat = { inputShape: [784] };
    expect(() => imageShapeFor(flat)).toThrow(/flat vector of 784/);
    expect(imageShapeFor(flat, [28, 28, 1])).toEqual([28, 28, 1]);
    expect(() => imageShapeFor(flat, [28, 27, 1])).toThrow(/756 values, but the model takes 784/);
    expect(imageShapeFor({ inputShape: [32, 32, 3] })).toEqual([32, 32, 3]);
  });

  it('guesses [-1, 1] for photo-sized Keras models, [0, 1] otherwise', () => {
    expect(guessInputRange({ format: 'layers', inputShape: [224, 224, 3] })).toBe('-1-1');
    expect(guessInputRange({ format: 'graph', inputShape: [224, 224, 3] })).toBe('0-1');
    expect(guessInputRange({ format: 'layers', inputShape: [28, 28, 1] })).toBe('0-1');
  });

  it('reads names from a JSON array or lines, and checks their count', () => {
    expect(parseClassNames('["cat", "dog"]')).toEqual(['cat', 'dog']);
    expect(parseClassNames('cat\r\n\ndog\n')).toEqual(['cat', 'dog']);
    expect(() => parseClassNames('[1, {"a": 2}]')).toThrow(/JSON array of names/);
    expect(() => parseClassNames('  ', 'names.txt')).toThrow(/names\.txt: no names/);
    // typed or pasted on one line: comma-separated; several lines: one name per line
    expect(parseClassNames('angry, happy ,sad')).toEqual(['angry', 'happy', 'sad']);
    expect(parseClassNames('tench, Tinca tinca\ngoldfish')).toEqual(['tench, Tinca tinca', 'goldfish']);
    expect(() => classNamesFor(1001, Array<string>(1000).fill('x'), 'imagenet_classes.json')).toThrow(
      /imagenet_classes\.json has 1000 names but the model has 1001 outputs: .*'background' class first/,
    );
    expect(classNamesFor(3, null)).toEqual(['class 0', 'class 1', 'class 2']);
    expect(() => classNamesFor(3, ['a', 'b'])).toThrow(/2 names but the model has 3 outputs/);
  });
});
