/**
 * Prints the README table of models from models/index.json (`npm run models:table`), or with
 * --write puts it in place of the table under README.md's "## Models" heading.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readModelIndex } from './lib/modelIndex';
import { modelsTable, replaceModelsTable } from './lib/modelsTable';

const README = join(import.meta.dirname, '../README.md');

async function main() {
  const table = modelsTable(await readModelIndex());
  if (!process.argv.includes('--write')) {
    process.stdout.write(`${table}\n`);
    return;
  }
  await writeFile(README, replaceModelsTable(await readFile(README, 'utf8'), table));
  process.stdout.write('README.md: models table rewritten (run npx prettier --write README.md)\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`models-table: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
