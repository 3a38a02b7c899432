import { Section } from '../components/Section';
import { TransferFigure } from './TransferFigure';

export function S8Transfer() {
  return (
    <Section id="transfer">
      <p>
        If adversarial examples were quirks of one particular network, an example made against one
        model would be harmless to another. The linear view says otherwise: models trained on the
        same data learn similar weights, so they share the same weak directions, and the sign of one
        model&apos;s gradient is a good step against the others too. This is what makes attacks on a
        model you cannot see possible: train a substitute, attack it, and send its examples.
      </p>
      <p>
        For the same reason an ensemble is a weak defence. Averaging three networks trained from
        different random starts averages three nearly linear functions, which is again nearly
        linear.
      </p>
      <TransferFigure />
    </Section>
  );
}
