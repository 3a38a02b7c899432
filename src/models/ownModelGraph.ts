/**
 * The parts of a GraphModel's model.json the explorer needs, read without tfjs: its one input
 * placeholder, its one output, and the head the output ends in. Converters append pass-through
 * nodes after a Keras softmax (Softmax -> Identity, or Reshape / Squeeze), so the head is found
 * by walking back through them; reading those probabilities as logits would apply softmax twice.
 */
import { OwnModelError } from './ownModelError';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(message: string): never {
  throw new OwnModelError(message);
}

export interface GraphHead {
  /** the op that turns the scores into probabilities */
  op: 'Softmax' | 'Sigmoid' | 'LogSoftmax';
  /** the node that feeds it (its logits) */
  input: string;
  /** the ops from the head to the output, e.g. ['Softmax', 'Identity'] */
  path: string[];
}

export interface GraphFacts {
  inputName: string;
  inputShape: (number | null)[];
  /** the graph's one output node */
  graphOutput: string;
  /** the Softmax / Sigmoid / LogSoftmax the output ends in, through pass-through ops */
  graphHead?: GraphHead;
  size: number;
}

interface GraphNode {
  name: string;
  op: string;
  input: string[];
  attr: Json;
}

/** Ops that only move values around (same values per image, same order). */
const PASS_THROUGH = new Set([
  'Identity',
  'IdentityN',
  'Reshape',
  'Squeeze',
  'ExpandDims',
  'StopGradient',
  'Snapshot',
  'EnsureShape',
  'PreventGradient',
]);
const HEADS = new Set<string>(['Softmax', 'Sigmoid', 'LogSoftmax']);

function graphNodes(topology: Json): GraphNode[] {
  const nodes = topology.node;
  if (!Array.isArray(nodes)) fail('model.json: the graph has no nodes');
  return nodes.map((n: unknown, i) => {
    if (!isObject(n) || typeof n.name !== 'string' || typeof n.op !== 'string') {
      fail(`model.json: graph node ${i} has no name or op`);
    }
    const input = Array.isArray(n.input)
      ? n.input.filter((s): s is string => typeof s === 'string')
      : [];
    return { name: n.name, op: n.op, input, attr: isObject(n.attr) ? n.attr : {} };
  });
}

/** "name:0" and "^name" (control input) both refer to node "name". */
const nodeNameOf = (input: string): string => input.replace(/^\^/, '').replace(/:\d+$/, '');
/** data inputs only: control inputs ("^name") carry no values */
const dataInputs = (node: GraphNode): string[] => node.input.filter((i) => !i.startsWith('^'));

function placeholderShape(node: GraphNode): (number | null)[] {
  const shapeAttr = node.attr.shape;
  const shape = isObject(shapeAttr) ? shapeAttr.shape : undefined;
  const dims = isObject(shape) && Array.isArray(shape.dim) ? shape.dim : undefined;
  if (!dims) fail(`model.json: the graph input '${node.name}' has no shape`);
  return dims.map((d: unknown) => {
    const size = isObject(d) ? Number(d.size ?? -1) : NaN;
    if (!Number.isInteger(size)) fail(`model.json: the graph input '${node.name}' has no shape`);
    return size < 0 ? null : size;
  });
}

/** The head behind `output`, walking back through pass-through ops; undefined when none. */
function headOf(output: GraphNode, byName: Map<string, GraphNode>): GraphHead | undefined {
  const path: string[] = [];
  let node: GraphNode | undefined = output;
  while (node) {
    path.unshift(node.op);
    const input = dataInputs(node)[0];
    if (HEADS.has(node.op) && input !== undefined) {
      return { op: node.op as GraphHead['op'], input: nodeNameOf(input), path };
    }
    if (!PASS_THROUGH.has(node.op) || input === undefined) return undefined;
    node = byName.get(nodeNameOf(input));
  }
  return undefined;
}

export function graphFacts(weightNames: ReadonlySet<string>, topology: Json): GraphFacts {
  const nodes = graphNodes(topology);
  const placeholders = nodes.filter((n) => n.op === 'Placeholder' && !weightNames.has(n.name));
  if (placeholders.length !== 1) {
    fail(
      `the graph has ${placeholders.length} inputs (${placeholders.map((p) => p.name).join(', ') || 'none'}); ` +
        'the explorer attacks models with exactly one image input',
    );
  }
  const input = placeholders[0] as GraphNode;
  const consumed = new Set(nodes.flatMap((n) => n.input.map(nodeNameOf)));
  const ends = nodes.filter(
    (n) => !consumed.has(n.name) && n.op !== 'Const' && n.op !== 'NoOp' && n.op !== 'Placeholder',
  );
  if (ends.length !== 1) {
    fail(
      `the graph has ${ends.length} outputs (${ends.map((e) => e.name).join(', ') || 'none'}); ` +
        'the explorer needs exactly one (the class scores)',
    );
  }
  const output = ends[0] as GraphNode;
  const head = headOf(output, new Map(nodes.map((n) => [n.name, n])));
  return {
    inputName: input.name,
    inputShape: placeholderShape(input).slice(1),
    graphOutput: output.name,
    ...(head ? { graphHead: head } : {}),
    size: nodes.length,
  };
}
