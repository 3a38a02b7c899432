/** The models the repository ships (models/index.json), read in Node to parametrise specs. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelManifest } from '../../src/models/manifest';
import { parseModelIndex } from '../../src/models/registry';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Every model in models/index.json; none when the index does not exist yet. */
export function shippedModels(): ModelManifest[] {
  const indexFile = join(repoRoot, 'models', 'index.json');
  if (!existsSync(indexFile)) return [];
  return parseModelIndex(JSON.parse(readFileSync(indexFile, 'utf8'))).models;
}

export function shippedModel(id: string): ModelManifest | undefined {
  return shippedModels().find((m) => m.id === id);
}
