/**
 * Runs the data step only for datasets whose outputs are missing (a fast no-op otherwise); run
 * before start, build and test. Fails when MNIST or Fashion-MNIST cannot be had; CIFAR-10 is
 * then reported as skipped.
 */
import { downloadTimeout, summarise } from './lib/dataCli';
import { ensureData } from './lib/ensureData';

async function main(): Promise<number> {
  const log = (line: string) => console.log(line);
  const result = await ensureData({
    download: { idleTimeoutMs: downloadTimeout(process.env) },
    log,
  });
  if (!result.step) return 0;
  for (const line of summarise(result.step)) console.log(line);
  for (const id of result.optionalSkipped) {
    console.warn(`ensure-data: ${id} skipped; the app runs without it (npm run data to retry).`);
  }
  if (result.requiredFailed.length > 0) {
    console.error(`ensure-data: ${result.requiredFailed.join(', ')} missing; cannot go on.`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`ensure-data: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
