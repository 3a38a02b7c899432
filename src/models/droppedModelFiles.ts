/**
 * A model the user dropped or picked as files (model.json + weight files), made loadable by URL
 * like any other: the weight files become blob: URLs and model.json is rewritten to name them,
 * so the worker fetches both kinds alike. Browser globals only (Blob, URL.createObjectURL).
 */
import { OwnModelError } from './ownModelError';
import { parseModelJsonText, type ModelJsonFacts } from './ownModelJson';

export interface DroppedModel {
  facts: ModelJsonFacts;
  /** blob: URL of the rewritten model.json; lives for the session (the engine may re-read it) */
  url: string;
  /** the model.json file the user gave */
  modelFile: File;
}

/** model.json key, added by the rewrite, that maps each blob: URL back to the user's file name */
const FILE_NAMES_KEY = 'explorerDroppedFileNames';

/** The name to show for a weight path of model.json: the dropped file's own name, if any. */
export function shownWeightPath(json: Record<string, unknown>, path: string): string {
  const names = json[FILE_NAMES_KEY];
  if (typeof names !== 'object' || names === null) return path;
  const name = (names as Record<string, unknown>)[path];
  return typeof name === 'string' ? name : path;
}

const baseName = (path: string): string => path.split('/').pop() ?? path;

export async function droppedModel(files: readonly File[]): Promise<DroppedModel> {
  if (files.length === 0) throw new OwnModelError('no files: pick model.json and its weight files');
  const jsonFiles = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const modelFile = jsonFiles.find((f) => f.name === 'model.json') ?? jsonFiles[0];
  if (!modelFile) {
    throw new OwnModelError(
      `none of the ${files.length} file(s) is a model.json: pick model.json together with its weight files`,
    );
  }
  if (modelFile.size === 0) throw new OwnModelError(`${modelFile.name} is empty`);
  const parsed = parseModelJsonText(await modelFile.text());
  const { json, ...facts } = parsed;
  const byName = new Map(files.map((f) => [f.name, f]));
  const missing = facts.weightGroups
    .flatMap((g) => g.paths)
    .filter((p) => !byName.has(baseName(p)));
  if (missing.length > 0) {
    const list =
      missing.slice(0, 3).join(', ') +
      (missing.length > 3 ? ` and ${missing.length - 3} more` : '');
    throw new OwnModelError(
      `${modelFile.name} needs weight file(s) ${list}, which were not among the files you gave: ` +
        `select ${modelFile.name} together with all its weight files`,
    );
  }
  const urls = new Map<string, string>();
  const urlOf = (path: string): string => {
    const name = baseName(path);
    let u = urls.get(name);
    if (u === undefined) {
      u = URL.createObjectURL(byName.get(name) as File);
      urls.set(name, u);
    }
    return u;
  };
  const manifest = json.weightsManifest as { paths: string[] }[];
  const rewritten = {
    ...json,
    weightsManifest: manifest.map((g) => ({ ...g, paths: g.paths.map(urlOf) })),
    // messages name the user's files, not their blob: URLs
    [FILE_NAMES_KEY]: Object.fromEntries([...urls].map(([name, u]) => [u, name])),
  };
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(rewritten)], { type: 'application/json' }),
  );
  return { facts, url, modelFile };
}
