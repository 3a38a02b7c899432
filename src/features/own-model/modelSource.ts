/**
 * Reads a model the user points at (a URL, or dropped/picked files) far enough to check its
 * model.json on the main thread: before the engine downloads anything, bad files are refused
 * here with the same messages the worker would give. Dropped files become blob: URLs (model.json
 * rewritten to name its weight files by their blob URLs), so the worker loads both kinds alike.
 */
import { fetchModelJsonText, type OwnFetch } from '../../models/ownModelHttp';
import { OwnModelError, parseModelJsonText, type ModelJsonFacts } from '../../models/ownModelJson';

export interface InspectedModel {
  facts: ModelJsonFacts;
  /** absolute model.json URL the worker loads (a blob: URL for dropped files) */
  url: string;
  /** a short name for the picker */
  name: string;
  /** where it came from, for the user */
  origin: string;
}

function withoutJson(parsed: ModelJsonFacts & { json: unknown }): ModelJsonFacts {
  const facts: ModelJsonFacts & { json?: unknown } = { ...parsed };
  delete facts.json;
  return facts;
}

function nameOf(facts: ModelJsonFacts, fallback: string): string {
  return facts.modelName ?? fallback;
}

export async function inspectModelUrl(
  text: string,
  fetchImpl: OwnFetch = (u) => fetch(u),
  base: string = globalThis.location?.href ?? 'http://localhost/',
): Promise<InspectedModel> {
  const trimmed = text.trim();
  if (trimmed === '') throw new OwnModelError('enter the URL of a model.json');
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    throw new OwnModelError(`'${trimmed}' is not a URL: enter the address of a model.json`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OwnModelError(`the URL must start with http:// or https:// (got ${url.protocol})`);
  }
  const facts = withoutJson(parseModelJsonText(await fetchModelJsonText(url.href, fetchImpl)));
  const folder = url.pathname.split('/').filter(Boolean).slice(-2, -1)[0] ?? 'model';
  return { facts, url: url.href, name: nameOf(facts, folder), origin: url.href };
}

const baseName = (path: string): string => path.split('/').pop() ?? path;

/**
 * model.json plus its weight files, as the user dropped or picked them. Returns blob URLs that
 * live for the session (the engine re-reads them after a restart).
 */
export async function inspectModelFiles(files: readonly File[]): Promise<InspectedModel> {
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
      `model.json needs weight file(s) ${list}, which were not among the files you gave: ` +
        'select model.json together with all its weight files',
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
  };
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(rewritten)], { type: 'application/json' }),
  );
  return {
    facts,
    url,
    name: nameOf(facts, modelFile.name.replace(/\.json$/i, '')),
    origin: `${files.length} dropped files`,
  };
}
