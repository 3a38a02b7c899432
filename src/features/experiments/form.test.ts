import { describe, expect, it } from 'vitest';
import type { ExperimentImages } from '../../engine/experimentTypes';
import {
  defaultEpsList,
  defaultForm,
  formAttack,
  formatDuration,
  formProblem,
  parseEpsList,
  resolveForm,
  specFromForm,
  type DefaultModels,
} from './form';

const defaults: DefaultModels = {
  attack: ['a', 'b'],
  transfer: ['a', 'b'],
  ensemble: ['a', 'b'],
  rubbish: ['a'],
  fooling: ['a'],
  shared: ['a'],
};
const images = { indices: [0], labels: [0] } as unknown as ExperimentImages;

describe('experiments form', () => {
  it('parses comma or space separated eps in [0, 1]', () => {
    expect(parseEpsList('0.1, 0.25 0.3')).toEqual([0.1, 0.25, 0.3]);
    expect(() => parseEpsList('0.1, 2')).toThrow(/not a number in \[0, 1\]/);
    expect(() => parseEpsList(' ')).toThrow(/at least one/);
  });

  it('names what blocks a run', () => {
    const form = defaultForm(defaults);
    expect(formProblem(form)).toBeNull();
    expect(formProblem({ ...form, models: [] })).toBe('choose a model');
    expect(formProblem({ ...form, kind: 'ensemble', models: ['a'] })).toMatch(/two members/);
    expect(formProblem({ ...form, kind: 'shared', models: ['a', 'b'] })).toBe('choose one model');
  });

  it('passes the target only to targeted attacks and steps only to pgd', () => {
    const form = { ...defaultForm(defaults), targetClass: 3, steps: 7 };
    expect(formAttack(form)).toEqual({ mode: 'fgsm', labelSource: 'true' });
    expect(formAttack({ ...form, mode: 'targeted' }).targetClass).toBe(3);
    expect(formAttack({ ...form, mode: 'pgd' }).steps).toBe(7);
  });

  it("single-eps experiments use the app's eps, not the first of the attack's list", () => {
    const form = resolveForm({ kind: 'transfer' }, defaults, 0.25, ['a', 'b']);
    expect(form.epsList).toEqual([0.1, 0.25]);
    const spec = specFromForm(form, images, 0.25);
    expect(spec.kind === 'transfer' && spec.eps).toBe(0.25);
    // an eps typed for the experiment wins over the app's
    const typed = specFromForm({ ...form, eps: 0.3 }, images, 0.25);
    expect(typed.kind === 'transfer' && typed.eps).toBe(0.3);
    // the attack's list starts from the app's eps too
    expect(defaultEpsList(0.1)).toEqual([0.04, 0.1]);
  });

  it("each kind starts with its own default models; a link's unknown models fall back", () => {
    expect(resolveForm({ kind: 'transfer' }, defaults, 0.25, ['a', 'b']).models).toEqual([
      'a',
      'b',
    ]);
    expect(resolveForm({ kind: 'fooling' }, defaults, 0.25, ['a', 'b']).models).toEqual(['a']);
    expect(
      resolveForm({ kind: 'attack', models: ['gone'] }, defaults, 0.25, ['a', 'b']).models,
    ).toEqual(['a', 'b']);
  });

  it('formats durations', () => {
    expect(formatDuration(65_000)).toBe('1m05s');
    expect(formatDuration(4_400)).toBe('4.4s');
    expect(formatDuration(12_400)).toBe('12s');
  });
});
