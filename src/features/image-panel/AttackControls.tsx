import { useShallow } from 'zustand/react/shallow';
import {
  MAX_PGD_STEPS,
  selectClassNames,
  selectEpsRange,
  useAppStore,
  type AppState,
} from '../../state';
import { NumberField } from '../../ui/NumberField';
import { SegmentedControl } from '../../ui/SegmentedControl';
import { Select } from '../../ui/Select';
import { LABEL_SOURCE_OPTIONS, usesLabelSource } from './attackModes';
import { AttackModeSelect, EpsControl } from './EpsSlider';

const selectControls = (s: AppState) => ({
  attackMode: s.attackMode,
  targetClass: s.targetClass,
  labelSource: s.labelSource,
  pgdSteps: s.pgdSteps,
  pgdStepSize: s.pgdStepSize,
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
  const classOptions = classNames.map((name, i) => ({ value: String(i), label: name }));

  return (
    <div className="ae-attack-controls" aria-label="Attack settings" role="group">
      <EpsControl />

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

      {/* always there, so the images below never move when the attack changes */}
      <SegmentedControl
        legend="Loss label"
        value={c.labelSource}
        options={LABEL_SOURCE_OPTIONS}
        onChange={c.setLabelSource}
        testId="label-source"
        disabled={!usesLabelSource(c.attackMode)}
        title={
          usesLabelSource(c.attackMode)
            ? undefined
            : 'Noise and targeted attacks do not use a label of the image'
        }
      />
    </div>
  );
}
