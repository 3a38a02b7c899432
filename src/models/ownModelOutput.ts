/**
 * How the output of a model the user brings is read. Converted classifiers often end in a
 * softmax (Keras -> Softmax -> Identity) or a sigmoid; reading their probabilities as logits
 * would apply softmax twice. The engine detects the kind (ownModelOutput in the worker) unless
 * the user chose one. Types and wording only: no tfjs.
 */
/** what the user chose in the own-model dialog; 'auto' lets the engine detect it */
export type OwnOutputChoice = 'auto' | 'logits' | 'probabilities' | 'sigmoid';

/** what the model's output is: class logits, softmax probabilities, or one sigmoid unit */
export type OwnOutputKind = 'logits' | 'probabilities' | 'sigmoid' | 'rbf';

export interface OwnOutputReport {
  kind: OwnOutputKind;
  choice: OwnOutputChoice;
  /** how it was found, for the user ("the graph ends in Softmax → Identity; …") */
  how: string;
}

export const OWN_OUTPUT_CHOICES: { value: OwnOutputChoice; label: string; description: string }[] =
  [
    {
      value: 'auto',
      label: 'Detect',
      description: 'Look for a final softmax or sigmoid and check the numbers on probe inputs',
    },
    { value: 'logits', label: 'Logits', description: 'Scores before any softmax' },
    {
      value: 'probabilities',
      label: 'Probabilities',
      description: 'Softmax output: shown as they are, the attack uses log p',
    },
    {
      value: 'sigmoid',
      label: 'One sigmoid',
      description: 'One output p: two classes [1 − p, p]',
    },
  ];

export const OWN_OUTPUT_LABELS: Record<OwnOutputKind, string> = {
  logits: 'logits',
  probabilities: 'probabilities (softmax)',
  sigmoid: 'one sigmoid unit (two classes)',
  rbf: 'RBF scores (log-probabilities)',
};

/** The manifest's OutputKind for a detected kind (manifest.ts imports this module: no cycle). */
export function outputKindOf(
  kind: OwnOutputKind,
): 'logits' | 'probabilities' | 'binary-logit' | 'rbf' {
  return kind === 'sigmoid' ? 'binary-logit' : kind;
}
