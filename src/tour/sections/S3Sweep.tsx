import { Section } from '../components/Section';
import { SweepFigure } from './SweepFigure';

export function S3Sweep() {
  return (
    <Section id="sweep">
      <p>
        Is a trained network really that linear? Fix the direction <var>d</var> = sign(∇ₓJ) computed
        at one test image, and walk along it: x + ε·d for ε from −0.5 to +0.5. At every step, plot
        each class&apos;s <dfn>logit</dfn>, the score the network gives the class before the softmax
        turns scores into probabilities. The paper&apos;s Fig. 4 does this for a maxout network;
        below, the explorer&apos;s sweep view does it live for ours. No pixels are clipped here, as
        in the paper, so the walk is a straight line through input space.
      </p>
      <p>
        If the network were strongly non-linear, the curves would bend and cross at random. Instead
        they are almost straight, and the class changes where two straight lines cross. The strip
        under the chart shows the inputs along the walk; a box marks those still classified
        correctly. Hover over the chart, or focus it and use the arrow keys, to see any point.
      </p>
      <SweepFigure />
    </Section>
  );
}
