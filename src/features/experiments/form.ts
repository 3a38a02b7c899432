/**
 * The Experiments form: what a person chooses, its defaults, and its translation into the parts
 * of an ExperimentSpec the container completes (models loaded, images picked). Pure.
 */
import type {
  ExperimentAttack,
  ExperimentImages,
  ExperimentKind,
  ExperimentSpec,
} from '../../engine/experimentTypes';
import type { ExperimentSettings } from '../../state';

/** The form's settings: the store's type (links carry them), plus defaults and checks here. */
export type ExperimentForm = ExperimentSettings;

/** A change to the form; a key set to undefined goes back to its default. */
export type FormPatch = { [K in keyof ExperimentForm]?: ExperimentForm[K] | undefined };

export const EXPERIMENT_LABELS: Record<ExperimentKind, string> = {
  attack: 'Test-set attack',
  transfer: 'Transfer',
  ensemble: 'Ensemble',
  rubbish: 'Rubbish class',
  fooling: 'Fooling images',
  shared: 'Shared directions',
};

export const EXPERIMENT_HELP: Record<ExperimentKind, string> = {
  attack:
    'Error rate and mean confidence on mistakes of each model on attacked test images; the noise modes are the paper\u2019s controls.',
  transfer:
    'Adversarial examples made on each model (rows), classified by every model (columns); and where both are wrong, how often with the same class.',
  ensemble:
    'The members\u2019 mean probability as one classifier, attacked as a whole or through one member, measured on the ensemble.',
  rubbish:
    'Gaussian noise x ~ N(0, I) of the model\u2019s input size, not clipped to [0, 1]; any class given probability above 0.5 is an error.',
  fooling:
    'From Gaussian noise, steps x \u2190 x + eps \u00b7 grad p(y = i | x) toward each class i until p > 0.5; success per step.',
  shared:
    'The FGSM perturbation of one image added to all the other clean images: how often do they become wrong?',
};

/** The models each experiment starts with (the Experiments panel works them out per model). */
export type DefaultModels = Record<ExperimentKind, string[]>;

/** The test-set attack's eps list: the app's eps and a smaller one, for a line to draw. */
export function defaultEpsList(appEps: number): number[] {
  const smaller = Math.round(appEps * 400) / 1000;
  return smaller > 0 && smaller < appEps ? [smaller, appEps] : [appEps];
}

export function defaultForm(defaults: DefaultModels, appEps = 0.25): ExperimentForm {
  return {
    kind: 'attack',
    models: [...defaults.attack],
    mode: 'fgsm',
    targetClass: 0,
    epsList: defaultEpsList(appEps),
    eps: null,
    limit: 1000,
    seed: 0,
    count: 1000,
    steps: 20,
    direction: 'gradient',
    sources: 10,
  };
}

/**
 * The settings shown: the user's overrides on the defaults; the models an override names must be
 * ones the view offers (else the kind's defaults), so a link from another model still runs.
 */
export function resolveForm(
  overrides: Partial<ExperimentForm>,
  defaults: DefaultModels,
  appEps: number,
  offered: readonly string[],
): ExperimentForm {
  const base = defaultForm(defaults, appEps);
  const form: ExperimentForm = { ...base, ...overrides };
  const models = (overrides.models ?? defaults[form.kind]).filter((m) => offered.includes(m));
  form.models = models.length > 0 ? models : defaults[form.kind].filter((m) => offered.includes(m));
  return form;
}

/** The eps a single-eps experiment runs with: the form's, else the app's. */
export function singleEps(form: ExperimentForm, appEps: number): number {
  return form.eps ?? appEps;
}

export function formatEpsList(list: readonly number[]): string {
  return list.join(', ');
}

/** The eps list typed in the form; throws with a message a person can act on. */
export function parseEpsList(text: string): number[] {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new Error('type at least one eps, e.g. 0.1, 0.25');
  return parts.map((p) => {
    const v = Number(p);
    if (!Number.isFinite(v) || v < 0 || v > 1)
      throw new Error(`eps "${p}" is not a number in [0, 1]`);
    return v;
  });
}

export function formAttack(form: ExperimentForm): ExperimentAttack {
  const attack: ExperimentAttack = { mode: form.mode, labelSource: 'true' };
  if (form.mode === 'targeted') attack.targetClass = form.targetClass;
  if (form.mode === 'pgd') attack.steps = form.steps;
  return attack;
}

/** Which model choices the experiment needs: problems to show before Run is allowed. */
export function formProblem(form: ExperimentForm): string | null {
  const n = form.models.length;
  if (n === 0) return 'choose a model';
  if (form.kind === 'ensemble' && n < 2) return 'an ensemble needs at least two members';
  if ((form.kind === 'fooling' || form.kind === 'shared') && n > 1) return 'choose one model';
  if (form.kind === 'shared' && form.sources >= form.limit)
    return 'use fewer source images than test images';
  if (form.kind === 'attack' && form.epsList.length === 0) return 'type at least one ε';
  return null;
}

/** Seconds as "1m05s" / "12s" / "4.4s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** The spec for a form, given the images it runs on (null for the noise experiments). */
export function specFromForm(
  form: ExperimentForm,
  images: ExperimentImages | null,
  appEps: number,
): ExperimentSpec {
  const eps = [...form.epsList];
  const first = singleEps(form, appEps);
  const need = (): ExperimentImages => {
    if (!images) throw new Error(`${EXPERIMENT_LABELS[form.kind]} needs test images`);
    return images;
  };
  const model = form.models[0] ?? '';
  const seed = form.seed;
  switch (form.kind) {
    case 'attack':
      return {
        kind: 'attack',
        models: [...form.models],
        attack: formAttack(form),
        eps,
        seed,
        images: need(),
      };
    case 'transfer':
      return {
        kind: 'transfer',
        models: [...form.models],
        attack: formAttack(form),
        eps: first,
        seed,
        images: need(),
      };
    case 'ensemble':
      return {
        kind: 'ensemble',
        members: [...form.models],
        attack: formAttack(form),
        eps: first,
        seed,
        images: need(),
      };
    case 'rubbish':
      return { kind: 'rubbish', models: [...form.models], count: form.count, seed };
    case 'fooling':
      return {
        kind: 'fooling',
        model,
        count: form.count,
        steps: form.steps,
        eps: first,
        seed,
        direction: form.direction,
      };
    case 'shared':
      return { kind: 'shared', model, eps: first, sources: form.sources, seed, images: need() };
  }
}

/** Experiments that run on test images (the others make their own noise). */
export function usesTestImages(kind: ExperimentKind): boolean {
  return kind === 'attack' || kind === 'transfer' || kind === 'ensemble' || kind === 'shared';
}
