import { describe, expect, it } from 'vitest';
import { defaultForm, formAttack, formatDuration, formProblem, parseEpsList } from './form';

describe('experiments form', () => {
  it('parses comma or space separated eps in [0, 1]', () => {
    expect(parseEpsList('0.1, 0.25 0.3')).toEqual([0.1, 0.25, 0.3]);
    expect(() => parseEpsList('0.1, 2')).toThrow(/not a number in \[0, 1\]/);
    expect(() => parseEpsList(' ')).toThrow(/at least one/);
  });

  it('names what blocks a run', () => {
    const form = defaultForm(['a', 'b']);
    expect(formProblem(form)).toBeNull();
    expect(formProblem({ ...form, models: [] })).toBe('choose a model');
    expect(formProblem({ ...form, kind: 'ensemble' })).toMatch(/two members/);
    expect(formProblem({ ...form, kind: 'shared', models: ['a', 'b'] })).toBe('choose one model');
  });

  it('passes the target only to targeted attacks and steps only to pgd', () => {
    const form = { ...defaultForm(['a']), targetClass: 3, steps: 7 };
    expect(formAttack(form)).toEqual({ mode: 'fgsm', labelSource: 'true' });
    expect(formAttack({ ...form, mode: 'targeted' }).targetClass).toBe(3);
    expect(formAttack({ ...form, mode: 'pgd' }).steps).toBe(7);
  });

  it('formats durations', () => {
    expect(formatDuration(65_000)).toBe('1m05s');
    expect(formatDuration(4_400)).toBe('4.4s');
    expect(formatDuration(12_400)).toBe('12s');
  });
});
