import { Section } from '../components/Section';
import { DotProductFigure } from './DotProductFigure';
import { FirstLayerFigure } from './FirstLayerFigure';

export function S1Linear() {
  return (
    <Section id="linear">
      <p>
        Why would a network that reads handwritten digits almost perfectly be fooled by changes too
        faint to see? The paper&apos;s answer is not that networks are wildly non-linear. It is the
        opposite: they are close to linear, and a linear function of many inputs is fragile.
      </p>
      <p>
        Take a single linear unit with weights <var>w</var> over <var>n</var> inputs and change each
        input by at most ε, so that ‖η‖∞ ≤ ε. The score w·x becomes w·x + w·η. Choose every change
        to agree in sign with its weight, η = ε·sign(w), and every term of w·η is positive: nothing
        cancels, and the score moves by ε·Σ|wᵢ| = ε·‖w‖₁. That sum grows with <var>n</var>, while no
        single input ever moves by more than ε. Changes of the same size in random directions mostly
        cancel; they move the score by about ε·‖w‖₂, which grows only like √n.
      </p>
      <p>
        Slide <var>n</var> from ten inputs to the 150,528 numbers of one 224×224 colour photo. An
        8-bit image cannot even store a change below 1/255 ≈ 0.004, yet at that size a change of
        0.004 per input adds up to hundreds.
      </p>
      <DotProductFigure />
      <p>
        The same holds for a real classifier. The explorer ships a logistic regression that tells 3s
        from 7s: one weight per pixel, one score <var>z</var>, and p(7) = sigmoid(<var>z</var>). For
        such a model the fast gradient sign method of the next section is exactly the sign
        perturbation above, so the engine&apos;s attack must move <var>z</var> by ε·‖w‖₁.
      </p>
      <FirstLayerFigure />
    </Section>
  );
}
