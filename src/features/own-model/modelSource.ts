/**
 * Reads a model the user points at (a URL, or dropped/picked files) far enough to check its
 * model.json on the main thread: before the engine downloads anything, bad files are refused
 * here with the same messages the worker would give. Dropped files become blob: URLs (model.json
 * rewritten to name its weight files by their blob URLs), so the worker loads both kinds alike.
 */
import { fetchModelJsonText, type OwnFetch } from '../../models/ownModelHttp';
import { droppedModel } from '../../models/droppedModelFiles';
import { nameFromFile, nameFromUrl } from '../../models/ownModelName';
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
  return { facts, url: url.href, name: nameFromUrl(url.href, facts.modelName), origin: url.href };
}

/**
 * model.json plus its weight files, as the user dropped or picked them. Returns blob URLs that
 * live for the session (the engine re-reads them after a restart).
 */
export async function inspectModelFiles(files: readonly File[]): Promise<InspectedModel> {
  const { facts, url, modelFile } = await droppedModel(files);
  return {
    facts,
    url,
    name: nameFromFile(
      modelFile.name,
      modelFile.webkitRelativePath ?? '', // absent outside browsers
      facts.weightGroups.flatMap((g) => g.paths),
      facts.modelName,
    ),
    origin: `${files.length} dropped files`,
  };
}
