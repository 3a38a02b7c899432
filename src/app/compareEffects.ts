/**
 * Engine calls for the compare view: while its tab is open, FGSM, ±eps sign noise and uniform
 * noise of the same eps on the current image, for the selected model (A) and the model beside it
 * (B). Each (model, attack) has its own latest-wins channel; a cell keeps its last answer marked
 * pending while the next is computed, so the row never changes size.
 */
import { shallow } from 'zustand/shallow';
import type { AttackParams } from '../engine/api';
import type { EngineClient } from '../engine/clientApi';
import type { ModelManifest } from '../models/manifest';
import { selectCompareModel } from '../state/compareSelectors';
import { selectDataset, selectModelReady, selectModels, selectProbe } from '../state/selectors';
import { currentEngineImage, selectActiveOwn } from '../state/ownImageSelectors';
import { COMPARE_MODES, type CompareRole } from '../state/slices/compareTypes';
import type { AppStore } from '../state/store';
import type { AppState } from '../state/types';
import { errorMessage, isCancelled } from './errors';
import { loadWithMembers } from './loadWithMembers';

const compareInputs = (s: AppState) => [
  s.activeTab === 'compare',
  selectModelReady(s),
  s.selectedModelId,
  selectCompareModel(s)?.id ?? null,
  s.selectedIndex,
  selectDataset(s),
  selectProbe(s),
  selectActiveOwn(s),
  s.eps,
  s.labelSource,
  s.clip[0],
  s.clip[1],
  s.seed,
];

export function startCompareEffects(
  store: AppStore,
  client: EngineClient,
  modelsBaseUrl: string,
): () => void {
  let disposed = false;
  let generation = 0;
  /** model B loads, per engine start (a restarted worker holds nothing) */
  let loads = new Map<string, Promise<unknown>>();
  const state = () => store.getState();

  function ensureLoaded(manifest: ModelManifest): Promise<unknown> {
    let load = loads.get(manifest.id);
    if (!load) {
      load = loadWithMembers(client, manifest, selectModels(state()), modelsBaseUrl);
      // a failed load is tried again next time
      load.catch(() => loads.delete(manifest.id));
      loads.set(manifest.id, load);
    }
    return load;
  }

  function run(): void {
    const s = state();
    if (s.activeTab !== 'compare' || !selectModelReady(s) || !s.selectedModelId) return;
    const current = currentEngineImage(s);
    if (!current) return;
    const token = ++generation;
    const b = selectCompareModel(s);
    if (!b) state().clearCompareCells('b');
    const roles: [CompareRole, string, ModelManifest | null][] = [['a', s.selectedModelId, null]];
    if (b) roles.push(['b', b.id, b]);
    for (const [role, modelId, manifest] of roles) {
      for (const mode of COMPARE_MODES) {
        const previous = s.compareCells[`${role}:${mode}`];
        const keep = previous?.modelId === modelId ? previous : null;
        state().setCompareCell(role, {
          modelId,
          mode,
          // the eps of the result shown, until the new one arrives
          eps: keep?.eps ?? s.eps,
          result: keep?.result ?? null,
          pending: true,
          error: null,
        });
      }
      void attackAll(role, modelId, manifest, token);
    }
  }

  async function attackAll(
    role: CompareRole,
    modelId: string,
    manifest: ModelManifest | null,
    token: number,
  ): Promise<void> {
    const s = state();
    const current = currentEngineImage(s);
    if (!current) return;
    const fail = (message: string) => {
      for (const mode of COMPARE_MODES) {
        const cell = state().compareCells[`${role}:${mode}`];
        if (cell) state().setCompareCell(role, { ...cell, pending: false, error: message });
      }
    };
    try {
      if (manifest) await ensureLoaded(manifest);
    } catch (e) {
      if (!disposed && token === generation)
        fail(`Could not load ${manifest?.title ?? modelId}: ${errorMessage(e)}`);
      return;
    }
    const trueLabel = current.trueLabel >= 0 ? current.trueLabel : undefined;
    await Promise.all(
      COMPARE_MODES.map(async (mode) => {
        const params: AttackParams = {
          mode,
          eps: s.eps,
          labelSource: trueLabel === undefined ? 'predicted' : s.labelSource,
          clip: [s.clip[0], s.clip[1]],
          seed: s.seed,
        };
        if (trueLabel !== undefined) params.trueLabel = trueLabel;
        try {
          const timed = await client.attack(modelId, current.image, params, {
            channel: `compare:${role}:${mode}`,
          });
          if (disposed || token !== generation) return;
          state().setCompareCell(role, {
            modelId,
            mode,
            eps: s.eps,
            result: timed.result,
            pending: false,
            error: null,
          });
        } catch (e) {
          if (disposed || isCancelled(e) || token !== generation) return;
          const cell = state().compareCells[`${role}:${mode}`];
          if (cell)
            state().setCompareCell(role, { ...cell, pending: false, error: errorMessage(e) });
        }
      }),
    );
  }

  const unsubscribers = [
    store.subscribe(compareInputs, run, { equalityFn: shallow }),
    store.subscribe(
      (s) => s.engineStatus.kind,
      (kind) => {
        if (kind !== 'ready') loads = new Map();
      },
    ),
  ];
  run();
  return () => {
    disposed = true;
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
