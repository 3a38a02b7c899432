import { Section } from '../components/Section';
import { HarnessingFigure } from './HarnessingFigure';

export function S6Harnessing() {
  return (
    <Section id="harnessing">
      <p>
        If a cheap formula finds a model&apos;s blind spots, train on them. Adversarial training
        mixes two losses at every step: the usual loss on the clean batch, and the loss on the same
        batch after an FGSM step against the current weights, half and half. The attack is made anew
        for every batch, so the model keeps chasing its own weaknesses. The paper found that this
        regularises the network beyond what dropout does, and that training on random noise of the
        same size, the obvious cheaper idea, barely helps against FGSM: noise points in the wrong
        directions, as section 2 showed.
      </p>
      <p>
        One FGSM step can be learned as a pattern rather than resisted: the explorer keeps such a
        network (<code>mnist-maxout-adv-masked</code>), which shrugs off FGSM at ε = 0.25 yet falls
        to noise and to a few small steps. Its adversarially trained maxout network is therefore
        trained on a stronger attack of the same size, five small steps from a random start (PGD);
        the noise-trained networks are the paper&apos;s control. The bars are computed now, on the
        first test images; the table holds the figures measured on the whole test set.
      </p>
      <HarnessingFigure />
    </Section>
  );
}
