import type { LabArchitecture, LabDataset, LabObjective, TrainingSpec } from '../../engine/api';
import { LIMITS } from '../../shared/limits';
import { NumberField } from '../../ui/NumberField';
import { Select } from '../../ui/Select';
import {
  BATCH_OPTIONS,
  DEFAULT_LEARNING_RATES,
  OBJECTIVE_LABELS,
  PIECE_OPTIONS,
  UNIT_OPTIONS,
} from './form';

const L = LIMITS.training;

export interface LabFormProps {
  spec: TrainingSpec;
  onChange(spec: TrainingSpec): void;
  disabled: boolean;
}

const numbers = (values: readonly number[]) =>
  values.map((v) => ({ value: String(v), label: String(v) }));

/** The lab's settings: data, network, objective and schedule. */
export function LabForm({ spec, onChange, disabled }: LabFormProps) {
  const set = (patch: Partial<TrainingSpec>): void => onChange({ ...spec, ...patch });
  const maxout = spec.architecture === 'maxout';
  const adversarial = spec.objective !== 'none';
  return (
    <fieldset className="ae-lab-form" disabled={disabled} data-testid="lab-form">
      <legend className="ae-visually-hidden">Training settings</legend>
      <div className="ae-lab-form__row">
        <Select<LabDataset>
          label="Data"
          value={spec.dataset}
          options={[
            { value: 'mnist', label: 'MNIST' },
            { value: 'fashion-mnist', label: 'Fashion-MNIST' },
          ]}
          onChange={(dataset) => set({ dataset })}
          testId="lab-dataset"
        />
        <Select<LabArchitecture>
          label="Model"
          value={spec.architecture}
          options={[
            { value: 'softmax', label: 'softmax regression' },
            { value: 'maxout', label: 'maxout network (2 layers)' },
          ]}
          // each network starts from the learning rate that suits it (Adam)
          onChange={(architecture) =>
            set({ architecture, learningRate: DEFAULT_LEARNING_RATES[architecture] })
          }
          testId="lab-architecture"
        />
        {maxout && (
          <>
            <Select
              label="Units per layer"
              value={String(spec.units)}
              options={numbers(UNIT_OPTIONS)}
              onChange={(v) => set({ units: Number(v) })}
              testId="lab-units"
            />
            <Select
              label="Pieces"
              value={String(spec.pieces)}
              options={numbers(PIECE_OPTIONS)}
              onChange={(v) => set({ pieces: Number(v) })}
              testId="lab-pieces"
            />
            <NumberField
              label="Dropout (hidden)"
              value={spec.dropout}
              min={L.dropout[0]}
              max={L.dropout[1]}
              step={0.05}
              onChange={(dropout) => set({ dropout })}
              testId="lab-dropout"
            />
            <NumberField
              label="Dropout (input)"
              value={spec.inputDropout}
              min={L.dropout[0]}
              max={L.dropout[1]}
              step={0.05}
              onChange={(inputDropout) => set({ inputDropout })}
              testId="lab-input-dropout"
            />
          </>
        )}
      </div>
      <div className="ae-lab-form__row">
        <Select<LabObjective>
          label="x̃ in α·J(x) + (1−α)·J(x̃)"
          value={spec.objective}
          options={Object.entries(OBJECTIVE_LABELS).map(([value, label]) => ({
            value: value as LabObjective,
            label,
          }))}
          onChange={(objective) => set({ objective })}
          testId="lab-objective"
        />
        <NumberField
          label="α"
          value={spec.alpha}
          min={L.alpha[0]}
          max={L.alpha[1]}
          step={0.05}
          disabled={!adversarial}
          onChange={(alpha) => set({ alpha })}
          testId="lab-alpha"
        />
        <NumberField
          label="eps"
          value={spec.eps}
          min={L.eps[0]}
          max={L.eps[1]}
          step={0.01}
          onChange={(eps) => set({ eps })}
          testId="lab-eps"
        />
      </div>
      <div className="ae-lab-form__row">
        <NumberField
          label="Learning rate"
          value={spec.learningRate}
          min={L.learningRate[0]}
          max={L.learningRate[1]}
          step={0.001}
          size={7}
          onChange={(learningRate) => set({ learningRate })}
          testId="lab-lr"
        />
        <Select
          label="Batch"
          value={String(spec.batchSize)}
          options={numbers(BATCH_OPTIONS)}
          onChange={(v) => set({ batchSize: Number(v) })}
          testId="lab-batch"
        />
        <NumberField
          label="Epochs"
          value={spec.epochs}
          min={L.epochs[0]}
          max={L.epochs[1]}
          step={1}
          size={3}
          onChange={(epochs) => set({ epochs })}
          testId="lab-epochs"
        />
        <NumberField
          label="Seed"
          value={spec.seed}
          min={L.seed[0]}
          max={L.seed[1]}
          step={1}
          size={8}
          onChange={(seed) => set({ seed })}
          testId="lab-seed"
        />
      </div>
    </fieldset>
  );
}
