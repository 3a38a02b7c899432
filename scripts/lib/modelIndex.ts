/** Reads, updates and writes models/index.json, validated by the app's own registry parser. */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelIndex, ModelManifest } from '../../src/models/manifest';
import { parseModelIndex } from '../../src/models/registry';

export const MODELS_DIR = join(import.meta.dirname, '../../models');
export const INDEX_PATH = join(MODELS_DIR, 'index.json');

export async function readModelIndex(path = INDEX_PATH): Promise<ModelIndex> {
  if (!existsSync(path)) return { version: 1, models: [] };
  return parseModelIndex(JSON.parse(await readFile(path, 'utf8')));
}

/** Replaces the entry with the same id (in place) or appends it; `order` sorts known ids first. */
export function upsertModel(
  index: ModelIndex,
  entry: ModelManifest,
  order: readonly string[] = [],
): ModelIndex {
  const models = index.models.filter((m) => m.id !== entry.id);
  const at = index.models.findIndex((m) => m.id === entry.id);
  models.splice(at >= 0 ? at : models.length, 0, entry);
  const rank = (id: string): number => {
    const i = order.indexOf(id);
    return i >= 0 ? i : order.length;
  };
  models.sort((a, b) => rank(a.id) - rank(b.id));
  return { version: 1, models };
}

/** Validates, then writes atomically (temp file + rename) so a crash never leaves half a file. */
export async function writeModelIndex(index: ModelIndex, path = INDEX_PATH): Promise<void> {
  const checked = parseModelIndex(JSON.parse(JSON.stringify(index)));
  const temp = `${path}.tmp`;
  await writeFile(temp, `${JSON.stringify(checked, null, 2)}\n`);
  await rename(temp, path);
}
