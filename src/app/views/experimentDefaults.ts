/** Which models the Experiments view starts each experiment with. Pure. */
import type { DefaultModels } from '../../features/experiments/form';
import type { ModelManifest } from '../../models/manifest';
import { comparePartner } from '../../models/pairs';

/**
 * The models each experiment starts with, in the list's order: the sidebar's model, beside its
 * partner (its adversarially trained twin) where two are needed; an ensemble's own members.
 */
export function defaultModels(
  offered: readonly ModelManifest[],
  all: readonly ModelManifest[],
  selected: ModelManifest | undefined,
): DefaultModels {
  const first = offered.find((m) => m.id === selected?.id) ?? offered[0];
  if (!first)
    return { attack: [], transfer: [], ensemble: [], rubbish: [], fooling: [], shared: [] };
  const partner = comparePartner(first, offered);
  const inOrder = (ids: readonly string[]) =>
    offered.map((m) => m.id).filter((id) => ids.includes(id));
  const pair = inOrder(partner ? [first.id, partner.id] : [first.id]);
  const ensemble = all.find(
    (m) =>
      m.members &&
      m.members.length > 1 &&
      m.members.every((id) => offered.some((o) => o.id === id)),
  );
  return {
    attack: pair,
    transfer: pair,
    ensemble: ensemble?.members ? inOrder(ensemble.members) : pair,
    rubbish: [first.id],
    fooling: [first.id],
    shared: [first.id],
  };
}
