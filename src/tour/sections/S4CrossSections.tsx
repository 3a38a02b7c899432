import { Section } from '../components/Section';
import { PlanesFigure } from './PlanesFigure';

export function S4CrossSections() {
  return (
    <Section id="cross-sections">
      <p>
        Before this paper, a common guess was that adversarial examples are rare: thin pockets
        scattered densely around every image, like the rational numbers among the reals, that a
        blind search almost never hits. The linear view predicts something else. If the class
        depends on something close to w·x, then every point far enough along the gradient sign is
        wrong: the adversarial examples fill a whole half-space.
      </p>
      <p>
        To see which is true, colour a plane of images around one digit by what the model says.
        Horizontally, the image moves along the FGSM direction; vertically, along a random
        direction; both run over the same ±ε range, and the correct class is white. As a control,
        the second map spans two random directions.
      </p>
      <PlanesFigure />
    </Section>
  );
}
