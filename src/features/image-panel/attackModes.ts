import type { AttackMode, LabelSource } from '../../engine/api';

export { ATTACK_MODE_LABELS } from '../../shared/vocabulary';

export const RESULT_TITLES: Record<AttackMode, string> = {
  fgsm: 'Adversarial (FGSM)',
  targeted: 'Adversarial (targeted)',
  'random-sign': 'With random-sign noise',
  uniform: 'With uniform noise',
  pgd: 'Adversarial (PGD)',
};

export const LABEL_SOURCE_OPTIONS: readonly {
  value: LabelSource;
  label: string;
  description: string;
}[] = [
  {
    value: 'true',
    label: 'True label',
    description: 'raise the loss of the test set label (the paper)',
  },
  {
    value: 'predicted',
    label: 'Predicted',
    description: "raise the loss of the model's own prediction (no label leaking)",
  },
];

/** the label source matters only where the loss of one label is raised */
export function usesLabelSource(mode: AttackMode): boolean {
  return mode === 'fgsm' || mode === 'pgd';
}
