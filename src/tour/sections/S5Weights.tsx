import { Section } from '../components/Section';
import { WeightsFigure } from './WeightsFigure';

export function S5Weights() {
  return (
    <Section id="weights">
      <p>
        For a linear model the attack can be read straight off the weights: the worst perturbation
        of the 3-versus-7 model in section 1 is sign(w) itself, a picture of the weights (the
        paper&apos;s Fig. 2). A network&apos;s first layer is a set of such pictures, one per unit;
        a maxout unit has several, its <dfn>pieces</dfn>, and answers with the largest of their dot
        products with the image.
      </p>
      <p>
        The paper reports (Fig. 3) that training on adversarial examples changes these pictures: the
        filters become more localised, concentrated on the strokes of digits rather than spread
        thinly over the whole image, where every pixel of the background could be pushed by ε. Here
        are the first-layer filters of the two networks this explorer ships, on one colour scale,
        and one number per model that says how concentrated its filters are.
      </p>
      <WeightsFigure />
    </Section>
  );
}
