/**
 * `npm run data`: fetch, verify and lay out the datasets (see DATA_HELP). Exits non-zero when
 * any requested dataset could not be prepared.
 */
import { DATA_HELP, downloadTimeout, parseDataArgs, summarise } from './lib/dataCli';
import { runDataStep } from './lib/dataStep';

async function main(): Promise<number> {
  const args = parseDataArgs(process.argv.slice(2));
  if (args.help) {
    console.log(DATA_HELP);
    return 0;
  }
  const started = performance.now();
  const step = await runDataStep({
    only: args.only,
    force: args.force,
    download: { idleTimeoutMs: downloadTimeout(process.env) },
    log: (line) => console.log(line),
  });
  for (const line of summarise(step)) console.log(line);
  console.log(`data step took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return step.failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`data: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
