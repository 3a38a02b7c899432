import { useShallow } from 'zustand/react/shallow';
import {
  MAX_PGD_STEPS,
  formatEps255,
  selectClassNames,
  selectEpsRange,
  useAppStore,
  type AppState,
} from '../../state';
import { NumberField } from '../../ui/NumberField';
import { SegmentedControl } from '../../ui/SegmentedControl';
import { Select } from '../../ui/Select';
import { LABEL_SOURCE_OPTIONS, usesLabelSource } from './attackModes';
import { AttackModeSelect, EpsSlider } from './EpsSlider';

const selectControls = (s: AppState) => ({
  eps: s.eps,
  attackMode: s.attackMode,
  targetClass: s.targetClass,
  labelSource: s.labelSource,
  pgdSteps: s.pgdSteps,
  pgdStepSize: s.pgdStepSize,
  setEps: s.setEps,
  setTargetClass: s.setTargetClass,
  setLabelSource: s.setLabelSource,
  setPgdSteps: s.setPgdSteps,
  setPgdStepSize: s.setPgdStepSize,
});

/** eps, attack mode and its options; every change goes to the store, the effects do the rest. */
export function AttackControls() {
  const c = useAppStore(useShallow(selectControls));
  const range = useAppStore(selectEpsRange);
  const classNames = useAppStore(selectClassNames);
  const eps255 = formatEps255(c.eps);
  const classOptions = classNames.map((name, i) => ({ value: String(i), label: name }));

  return (
    <div className="ae-attack-controls" aria-label="Attack settings" role="group">
      <EpsSlider label="ε (max-norm of the perturbation)" testId="eps-slider">
        <NumberField
          label="ε value"
          hideLabel
          value={c.eps}
          min={range.min}
          max={range.max}
          step={0.001}
          onChange={c.setEps}
          testId="eps-value"
        />
        <output className="ae-eps-255" data-testid="eps-255" aria-hidden="true">
          {eps255}
        </output>
      </EpsSlider>

      <div className="ae-attack-controls__row">
        <AttackModeSelect testId="attack-mode" />
        {c.attackMode === 'targeted' && (
          <Select
            label="Target class"
            value={String(c.targetClass)}
            options={classOptions}
            onChange={(v) => c.setTargetClass(Number(v))}
            testId="target-class"
          />
        )}
        {c.attackMode === 'pgd' && (
          <>
            <NumberField
              label="Steps"
              value={c.pgdSteps}
              min={1}
              max={MAX_PGD_STEPS}
              step={1}
              size={4}
              onChange={c.setPgdSteps}
              testId="pgd-steps"
            />
            <NumberField
              label="Step size (0: ε/4)"
              value={c.pgdStepSize ?? 0}
              min={0}
              max={range.max}
              step={0.001}
              onChange={(v) => c.setPgdStepSize(v > 0 ? v : null)}
              testId="pgd-step-size"
            />
          </>
        )}
      </div>

      {usesLabelSource(c.attackMode) && (
        <SegmentedControl
          legend="Loss label"
          value={c.labelSource}
          options={LABEL_SOURCE_OPTIONS}
          onChange={c.setLabelSource}
          testId="label-source"
        />
      )}
    </div>
  );
}
