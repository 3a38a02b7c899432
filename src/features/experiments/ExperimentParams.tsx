import { useState } from 'react';
import type { ExperimentKind } from '../../engine/experimentTypes';
import { ATTACK_MODE_LABELS, ATTACK_MODES, type AttackMode } from '../../shared/vocabulary';
import { NumberField } from '../../ui/NumberField';
import { Select } from '../../ui/Select';
import {
  formatEpsList,
  parseEpsList,
  usesTestImages,
  type ExperimentForm,
  type FormPatch,
} from './form';

const USES_ATTACK: readonly ExperimentKind[] = ['attack', 'transfer', 'ensemble'];

export interface ExperimentParamsProps {
  form: ExperimentForm;
  set(patch: FormPatch): void;
  disabled: boolean;
  testImages: number | null;
  /** the app's eps, which single-eps experiments use unless another is typed */
  appEps: number;
  /** an eps list being typed that does not parse yet */
  onEpsProblem(problem: string | null): void;
}

/** The eps list of the test-set attack, typed freely; the store gets it once it parses. */
function EpsListField({ form, set, disabled, onEpsProblem }: ExperimentParamsProps) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <span className="ae-field">
      <label htmlFor="ae-experiment-eps">ε list (pixel units)</label>
      <input
        id="ae-experiment-eps"
        type="text"
        value={draft ?? formatEpsList(form.epsList)}
        size={14}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          try {
            set({ epsList: parseEpsList(text) });
            onEpsProblem(null);
          } catch (err) {
            onEpsProblem(err instanceof Error ? err.message : String(err));
          }
        }}
        onBlur={() => setDraft(null)}
        disabled={disabled}
        data-testid="experiment-eps"
      />
    </span>
  );
}

/** The one eps of transfer, ensemble, fooling and shared: the app's unless the user types one. */
function SingleEpsField({ form, set, disabled, appEps, onEpsProblem }: ExperimentParamsProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const value = form.eps ?? appEps;
  return (
    <span className="ae-field">
      <label htmlFor="ae-experiment-eps">
        ε {form.eps === null ? '(the app’s)' : '(pixel units)'}
      </label>
      <span className="ae-experiment-eps-row">
        <input
          id="ae-experiment-eps"
          type="text"
          inputMode="decimal"
          value={draft ?? String(value)}
          size={8}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            try {
              const [eps, ...more] = parseEpsList(text);
              if (eps === undefined || more.length > 0) throw new Error('type one ε');
              set({ eps });
              onEpsProblem(null);
            } catch (err) {
              onEpsProblem(err instanceof Error ? err.message : String(err));
            }
          }}
          onBlur={() => setDraft(null)}
          disabled={disabled}
          data-testid="experiment-eps"
        />
        {form.eps !== null && form.eps !== appEps && (
          <button
            type="button"
            onClick={() => set({ eps: undefined })}
            disabled={disabled}
            data-testid="experiment-eps-app"
          >
            Use the app’s ε ({appEps})
          </button>
        )}
      </span>
    </span>
  );
}

/** Everything but the kind and the models: attack, eps, image counts, steps, seed. */
export function ExperimentParams(props: ExperimentParamsProps) {
  const { form, set, disabled, testImages } = props;
  const kind = form.kind;
  const attacks = USES_ATTACK.includes(kind);
  return (
    <div className="ae-experiment-params">
      {attacks && (
        <Select<AttackMode>
          label="Attack"
          value={form.mode}
          options={ATTACK_MODES.map((m) => ({ value: m, label: ATTACK_MODE_LABELS[m] }))}
          onChange={(mode) => set({ mode })}
          disabled={disabled}
          testId="experiment-attack"
        />
      )}
      {attacks && form.mode === 'targeted' && (
        <NumberField
          label="Target class"
          value={form.targetClass}
          min={0}
          step={1}
          onChange={(v) => set({ targetClass: Math.max(0, Math.round(v)) })}
          disabled={disabled}
        />
      )}
      {kind === 'attack' && <EpsListField {...props} />}
      {kind !== 'attack' && kind !== 'rubbish' && <SingleEpsField {...props} />}
      {usesTestImages(kind) && (
        <NumberField
          label={`Test images${testImages === null ? '' : ` (of ${testImages})`}`}
          value={form.limit}
          min={1}
          max={testImages ?? undefined}
          step={100}
          onChange={(v) => set({ limit: Math.max(1, Math.round(v)) })}
          disabled={disabled}
          testId="experiment-limit"
        />
      )}
      {usesTestImages(kind) && testImages !== null && (
        <button type="button" onClick={() => set({ limit: testImages })} disabled={disabled}>
          All
        </button>
      )}
      {(kind === 'rubbish' || kind === 'fooling') && (
        <NumberField
          label={kind === 'rubbish' ? 'Noise images' : 'Images per class'}
          value={form.count}
          min={1}
          step={kind === 'rubbish' ? 1000 : 5}
          onChange={(v) => set({ count: Math.max(1, Math.round(v)) })}
          disabled={disabled}
          testId="experiment-count"
        />
      )}
      {(kind === 'fooling' || (attacks && form.mode === 'pgd')) && (
        <NumberField
          label="Steps"
          value={form.steps}
          min={kind === 'fooling' ? 0 : 1}
          step={1}
          onChange={(v) => set({ steps: Math.max(0, Math.round(v)) })}
          disabled={disabled}
          testId="experiment-steps"
        />
      )}
      {kind === 'fooling' && (
        <Select<'gradient' | 'sign'>
          label="Step"
          value={form.direction}
          options={[
            { value: 'gradient', label: 'ε · grad p' },
            { value: 'sign', label: 'ε · sign(grad p)' },
          ]}
          onChange={(direction) => set({ direction })}
          disabled={disabled}
          testId="experiment-direction"
        />
      )}
      {kind === 'shared' && (
        <NumberField
          label="Source images"
          value={form.sources}
          min={1}
          step={1}
          onChange={(v) => set({ sources: Math.max(1, Math.round(v)) })}
          disabled={disabled}
          testId="experiment-sources"
        />
      )}
      <NumberField
        label="Seed"
        value={form.seed}
        step={1}
        onChange={(v) => set({ seed: Math.round(v) })}
        disabled={disabled}
        testId="experiment-seed"
      />
    </div>
  );
}
