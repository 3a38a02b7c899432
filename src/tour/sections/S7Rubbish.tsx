import { Section } from '../components/Section';
import { RubbishFigure } from './RubbishFigure';

export function S7Rubbish() {
  return (
    <Section id="rubbish">
      <p>
        The linear view has a second consequence. A linear score keeps growing as the input moves
        away from anything the model was trained on, so a model built from linear pieces can be very
        sure about inputs that look like nothing at all. Show it pure noise, and it will often name
        a digit with high confidence: the paper calls such inputs the rubbish class.
      </p>
      <p>
        A model whose score falls off with distance behaves differently. The paper&apos;s shallow
        RBF network gives each class a template and a confidence that decays as the input moves away
        from it, p(y = i | x) = exp(−(x − μᵢ)ᵀ βᵢ (x − μᵢ)). It is not linear, and it knows when it
        does not know. Its price is accuracy, and it is still not immune to FGSM: it is only unsure
        when it is wrong.
      </p>
      <RubbishFigure />
    </Section>
  );
}
