import { Section } from '../components/Section';
import { FgsmNoiseFigure } from './FgsmNoiseFigure';

export function S2FgsmVsNoise() {
  return (
    <Section id="fgsm-vs-noise">
      <p>
        A deep network is not one linear unit, but the units the paper studies (rectified linear,
        maxout) are linear piece by piece, and networks are trained to stay in the gentle part of
        their non-linearities. So treat the network as if it were linear near the image <var>x</var>
        : take the gradient of the training loss <var>J</var> with respect to the pixels, keep only
        its sign, and step ε along it:
      </p>
      <p className="tour-formula">x̃ = clip(x + ε·sign(∇ₓ J(θ, x, y)), 0, 1)</p>
      <p>
        That is the <dfn>fast gradient sign method</dfn> (FGSM): one gradient, no search. The fair
        control is noise of exactly the same size: every pixel moved by +ε or −ε at random. If the
        size of a change were what fools the model, both would do equally well.
      </p>
      <FgsmNoiseFigure />
    </Section>
  );
}
