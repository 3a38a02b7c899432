/** Prints the README table of models from models/index.json: `npx tsx scripts/models-table.ts`. */
import { readModelIndex } from './lib/modelIndex';
import { modelsTable } from './lib/modelsTable';

readModelIndex()
  .then((index) => process.stdout.write(`${modelsTable(index)}\n`))
  .catch((error: unknown) => {
    process.stderr.write(
      `models-table: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
