import type { LoadedModelInfo } from '../engine/api';
import type { EngineClient } from '../engine/clientApi';
import type { ModelManifest } from '../models/manifest';

/**
 * Loads a model into the worker; an ensemble entry (one with `members`) needs its members loaded
 * first, because the worker builds the ensemble from the members it already holds.
 */
export async function loadWithMembers(
  client: Pick<EngineClient, 'loadModel'>,
  manifest: ModelManifest,
  models: readonly ModelManifest[],
  baseUrl: string,
): Promise<LoadedModelInfo> {
  for (const memberId of manifest.members ?? []) {
    const member = models.find((m) => m.id === memberId);
    if (!member) throw new Error(`its member "${memberId}" is not in the model list`);
    await loadWithMembers(client, member, models, baseUrl);
  }
  return client.loadModel(manifest, baseUrl);
}
