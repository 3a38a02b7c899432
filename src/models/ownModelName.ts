/**
 * A name for a model the user brings: its own name when model.json gives a meaningful one,
 * else the meaningful part of its address or file names (not "model.json", "tfjs_model" or a
 * version number), unique in the session. The user can still edit it. Pure.
 */

/** names that say nothing about a model: Keras defaults, converter folders, TF-Hub path parts */
const GENERIC =
  /^(model|models|sequential|functional|tfjs|tfjs[-_]?models?|web[-_]?model|js|default|files?|classification|saved[-_]?model|export|output|latest|v?\d+(\.\d+)*)([-_]\d+)?$/i;

const meaningful = (part: string): boolean => part !== '' && !GENERIC.test(part);

const stem = (file: string): string => file.replace(/\.json$/i, '');

/** The model's own name (Keras config name, metadata), when it is not a default. */
function ownName(modelName: string | undefined): string | null {
  const name = modelName?.trim() ?? '';
  return meaningful(name) ? name : null;
}

export function nameFromUrl(url: string, modelName?: string): string {
  const own = ownName(modelName);
  if (own) return own;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'model';
  }
  const parts = parsed.pathname.split('/').map(decodeURIComponent);
  const file = parts.pop() ?? '';
  if (meaningful(stem(file))) return stem(file);
  const folders = parts.filter(meaningful);
  const last = folders.pop();
  if (last === undefined) return parsed.hostname || 'model';
  // "100-224-classification" says little without the folder above it
  const before = folders.pop();
  return /^\d/.test(last) && before !== undefined ? `${before} ${last}` : last;
}

/** Dropped or picked files: model.json's name, its folder (a picked folder), the weights' stem. */
export function nameFromFile(
  fileName: string,
  relativePath: string,
  weightFiles: readonly string[],
  modelName?: string,
): string {
  const own = ownName(modelName);
  if (own) return own;
  if (meaningful(stem(fileName))) return stem(fileName);
  const folder = relativePath.split('/').slice(0, -1).filter(meaningful).pop();
  if (folder) return folder;
  // converters name shards "<name>-shard1of2.bin"; the default is "group1-shard1of1"
  const shard = weightFiles[0]?.match(/^(.+?)[-_]shard\d+of\d+/)?.[1];
  return shard && !/^group\d+$/.test(shard) && meaningful(shard) ? shard : 'model';
}

/** `name` (trimmed, 'model' when empty), or "name (2)", "name (3)" … when taken. */
export function uniqueName(name: string, taken: readonly string[]): string {
  const base = name.trim() || 'model';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base} (${i})`)) return `${base} (${i})`;
}
