/**
 * Command-line options of `npm run eval -- <experiment> [options]`, parsed and checked into the
 * fields of an ExperimentSpec (everything but the images, which the CLI loads).
 */
import { parseArgs } from 'node:util';
import { ATTACK_MODES, type AttackMode } from '../../src/engine/api';
import {
  EXPERIMENT_KINDS,
  type ExperimentAttack,
  type ExperimentKind,
} from '../../src/engine/experimentTypes';

export const EVAL_USAGE = `npm run eval -- <experiment> [options]
experiments: ${EXPERIMENT_KINDS.join(', ')}
  --models a,b        model ids (default: every MNIST model; ensemble: the ensemble's members)
  --attack MODE       ${ATTACK_MODES.join(', ')} (default fgsm)
  --eps 0.1,0.25      max-norm(s) (default 0.25; transfer/ensemble/shared use the first)
  --target K          target class of 'targeted' (and targeted pgd)
  --label-source S    true | predicted (default true)
  --steps N           pgd iterations / fooling steps (default 10 / 50)
  --limit N           first N test images of the models' classes (default: all)
  --count N           rubbish: noise images (default 10000); fooling: images per class (default 20)
  --classes 0,1       fooling: target classes (default all)
  --direction D       fooling: gradient | sign (default gradient)
  --sources N         shared: source images (default 10)
  --top N             rubbish: most confident examples kept (default 8)
  --seed S            noise seed (default 0)
  --chunk N           images per chunk (default 500; results do not depend on it)
  --backend B         wasm | cpu | webgpu | auto (default wasm)
  --json              print the results as JSON instead of tables
  --markdown          print the tables as Markdown`;

export interface EvalOptions {
  kind: ExperimentKind;
  models: string[] | null;
  attack: ExperimentAttack;
  eps: number[];
  limit: number;
  count: number | null;
  steps: number | null;
  classes: number[] | null;
  direction: 'gradient' | 'sign';
  sources: number;
  top: number;
  seed: number;
  chunk: number;
  backend: string;
  output: 'text' | 'json' | 'markdown';
}

export class EvalUsageError extends Error {
  override readonly name = 'EvalUsageError';
}

function fail(message: string): never {
  throw new EvalUsageError(message);
}

function integer(value: string | undefined, name: string, min: number): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}, got ${value}`);
  return n;
}

function numbers(value: string, name: string): number[] {
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.length === 0 || list.some((v) => !Number.isFinite(v))) {
    fail(`--${name} must be a comma-separated list of numbers, got ${value}`);
  }
  return list;
}

export function parseEvalOptions(argv: readonly string[]): EvalOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      models: { type: 'string' },
      attack: { type: 'string' },
      eps: { type: 'string' },
      target: { type: 'string' },
      'label-source': { type: 'string' },
      steps: { type: 'string' },
      limit: { type: 'string' },
      count: { type: 'string' },
      classes: { type: 'string' },
      direction: { type: 'string' },
      sources: { type: 'string' },
      top: { type: 'string' },
      seed: { type: 'string' },
      chunk: { type: 'string' },
      backend: { type: 'string' },
      json: { type: 'boolean' },
      markdown: { type: 'boolean' },
    },
  });
  const kind = positionals[0];
  if (positionals.length !== 1 || !(EXPERIMENT_KINDS as readonly string[]).includes(kind ?? '')) {
    fail(`name one experiment: ${EXPERIMENT_KINDS.join(', ')}`);
  }
  const mode = (values.attack ?? 'fgsm') as AttackMode;
  if (!ATTACK_MODES.includes(mode)) fail(`--attack must be one of ${ATTACK_MODES.join(', ')}`);
  const labelSource = values['label-source'] ?? 'true';
  if (labelSource !== 'true' && labelSource !== 'predicted') {
    fail('--label-source must be true or predicted');
  }
  const attack: ExperimentAttack = { mode, labelSource };
  const target = integer(values.target, 'target', 0);
  if (target !== null) attack.targetClass = target;
  const steps = integer(values.steps, 'steps', 0);
  if (steps !== null && mode === 'pgd') attack.steps = steps;
  const direction = values.direction ?? 'gradient';
  if (direction !== 'gradient' && direction !== 'sign')
    fail('--direction must be gradient or sign');
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isFinite(seed)) fail(`--seed must be a number, got ${values.seed}`);
  return {
    kind: kind as ExperimentKind,
    models: values.models === undefined ? null : values.models.split(',').map((m) => m.trim()),
    attack,
    eps: values.eps === undefined ? [0.25] : numbers(values.eps, 'eps'),
    limit: integer(values.limit, 'limit', 1) ?? Infinity,
    count: integer(values.count, 'count', 1),
    steps,
    classes: values.classes === undefined ? null : numbers(values.classes, 'classes'),
    direction,
    sources: integer(values.sources, 'sources', 1) ?? 10,
    top: integer(values.top, 'top', 0) ?? 8,
    seed,
    chunk: integer(values.chunk, 'chunk', 1) ?? 500,
    backend: values.backend ?? 'wasm',
    output: values.json === true ? 'json' : values.markdown === true ? 'markdown' : 'text',
  };
}
