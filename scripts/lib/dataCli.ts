/** Argument parsing and reporting shared by scripts/data.ts and scripts/ensure-data.ts. */
import { BUNDLED_DATASET_IDS, type BundledDatasetId } from '../../src/shared/dataset';
import type { DataStepResult } from './dataStep';

export interface DataArgs {
  only?: BundledDatasetId[];
  force: boolean;
  help: boolean;
}

export function parseDataArgs(argv: readonly string[]): DataArgs {
  const args: DataArgs = { force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--force') args.force = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      for (const id of (value ?? '').split(',')) {
        const known = BUNDLED_DATASET_IDS.find((d) => d === id.trim());
        if (!known) {
          throw new Error(
            `--only: unknown dataset "${id}" (known: ${BUNDLED_DATASET_IDS.join(', ')})`,
          );
        }
        (args.only ??= []).push(known);
      }
    } else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  return args;
}

export const DATA_HELP = `Usage: npm run data -- [--only <id>[,<id>]] [--force]
Prepares data/<id>/ (verified .gz files for Node scripts) and public/data/ (test sets for the app).
Datasets: ${BUNDLED_DATASET_IDS.join(', ')}
Sources, in order: $MNIST_DIR, ../shared/data/mnist, download ($MNIST_MIRROR or the public mirrors);
  $FASHION_MNIST_DIR, /usr/share/datasets/fashion-mnist, download ($FASHION_MNIST_MIRROR);
  $CIFAR10_DIR, ../shared/data/cifar10, download of the original archive ($CIFAR10_URL).
DATA_OFFLINE=1 turns downloads off; DATA_TIMEOUT_MS sets the stall timeout (default 60000).`;

export function downloadTimeout(env: NodeJS.ProcessEnv): number | undefined {
  const ms = Number(env.DATA_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

export function summarise(step: DataStepResult): string[] {
  const lines = step.results.map(({ id, result }) => {
    const m = result.manifest;
    const variants = [...new Set(m.files.map((f) => f.variant))].join('+');
    const mb = m.files.reduce((s, f) => s + f.bytes, 0) / 1e6;
    return result.changed
      ? `${id}: ready, ${m.files.length} files (${mb.toFixed(1)} MB, ${variants}) from ${m.source}`
      : `${id}: already prepared (${variants}, from ${m.source})`;
  });
  for (const f of step.failed) lines.push(`${f.id}: FAILED: ${f.error.message}`);
  return lines;
}
