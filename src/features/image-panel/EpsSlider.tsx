/** The eps slider and the attack-mode select, shared by the full explorer and the embed bar. */
import type { ReactNode } from 'react';
import { ATTACK_MODES, type AttackMode } from '../../shared/vocabulary';
import { formatEps255, selectEpsRange, useAppStore } from '../../state';
import { NumberField } from '../../ui/NumberField';
import { Select } from '../../ui/Select';
import { Slider } from '../../ui/Slider';
import { ATTACK_MODE_LABELS } from './attackModes';

const MODE_OPTIONS = ATTACK_MODES.map((m) => ({ value: m, label: ATTACK_MODE_LABELS[m] }));

/** eps in the model's dataset range; `children` sit beside the slider (a number field, a value) */
export function EpsSlider({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children?: ReactNode;
}) {
  const eps = useAppStore((s) => s.eps);
  const setEps = useAppStore((s) => s.setEps);
  const range = useAppStore(selectEpsRange);
  return (
    <Slider
      label={label}
      value={eps}
      min={range.min}
      max={range.max}
      step={range.step}
      onChange={setEps}
      valueText={`${eps}, ${formatEps255(eps).replace('/', ' of ')}`}
      testId={testId}
    >
      {children}
    </Slider>
  );
}

export function AttackModeSelect({ testId }: { testId: string }) {
  const attackMode = useAppStore((s) => s.attackMode);
  const setAttackMode = useAppStore((s) => s.setAttackMode);
  return (
    <Select<AttackMode>
      label="Attack"
      value={attackMode}
      options={MODE_OPTIONS}
      onChange={setAttackMode}
      testId={testId}
    />
  );
}

/** The eps slider with its number field and its value in grey levels (image and compare views). */
export function EpsControl({ testIdPrefix = 'eps' }: { testIdPrefix?: string }) {
  const eps = useAppStore((s) => s.eps);
  const setEps = useAppStore((s) => s.setEps);
  const range = useAppStore(selectEpsRange);
  return (
    <EpsSlider label="ε (max-norm of the perturbation)" testId={`${testIdPrefix}-slider`}>
      <NumberField
        label="ε value"
        hideLabel
        value={eps}
        min={range.min}
        max={range.max}
        step={0.001}
        onChange={setEps}
        testId={`${testIdPrefix}-value`}
      />
      <output className="ae-eps-255" data-testid={`${testIdPrefix}-255`} aria-hidden="true">
        {formatEps255(eps)}
      </output>
    </EpsSlider>
  );
}
