/**
 * The cross-section view's heading and hint for each choice of planes: what the axes are, and
 * for both planes side by side, which map is which and what to compare.
 */
import type { MapPlanes } from '../../shared/vocabulary';

export function mapsTitle(planes: MapPlanes): string {
  if (planes === 'both')
    return 'Cross-section maps: the FGSM direction beside a random one, against the same random vertical direction';
  return planes === 'random'
    ? 'Cross-section maps: random signs against a random orthogonal direction (control)'
    : 'Cross-section maps: FGSM direction against a random orthogonal direction';
}

const AXES: Record<MapPlanes, string> = {
  both: 'Each image’s two maps share axes, scale and colours: left, FGSM × random (horizontal: the FGSM direction sign(∇ₓJ)); right, random × random (horizontal: random ±1 signs, as large but blind to the loss). A step of ε along either moves every pixel by ±ε. ',
  fgsm: 'Both axes are ε in pixel units: a step along the FGSM direction sign(∇ₓJ) moves every pixel by ±ε. ',
  random:
    'The control: the horizontal axis is random ±1 signs (the same size as FGSM’s sign(∇ₓJ), but blind to the loss), so a step of ε moves every pixel by ±ε. Compare with the FGSM maps: the lecture’s point is that the class changes at a far smaller ε along sign(∇ₓJ) than along random directions. ',
};

export function mapsHint(planes: MapPlanes): string {
  const vertical =
    planes === 'both'
      ? 'The vertical direction r is the same seeded Gaussian in both maps, made orthogonal to each map’s horizontal axis and scaled so its largest pixel is 1 (a step of ε changes no pixel by more than ε). '
      : 'The random vertical direction r is Gaussian, made orthogonal to the horizontal one and scaled so its largest pixel is 1, so a step of ε there changes no pixel by more than ε either. ';
  return (
    AXES[planes] +
    vertical +
    'The cross marks the clean image. Click a cell (or focus a map, move with the arrow keys and press Enter) to load that perturbed image.'
  );
}
