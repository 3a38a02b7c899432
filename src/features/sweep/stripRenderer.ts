/**
 * The strip under the eps-sweep (paper Fig. 4): the perturbed inputs x + eps * d at regular eps
 * steps, each captioned with its eps and predicted class, the correctly classified ones boxed.
 * Canvases for the images under one SVG layer for boxes and captions.
 */
import { OverlayFigure } from '../../ui/OverlayFigure';
import type { ImageData01, SweepResult } from '../../engine/api';
import { imageToRgba } from '../../shared/colormaps';
import { formatFloat32 } from '../../shared/csv';
import { sweepImage } from '../../shared/perturb';
import { className } from './sweepChartParts';
import { stripIndices } from './sweepData';

export interface SweepStripData {
  result: SweepResult;
  image: ImageData01;
  classNames: readonly string[];
  trueLabel: number | null;
  /** how many thumbnails (fewer when the grid has fewer points) */
  count: number;
}

const GAP = 8;
const MAX_THUMB = 64;
const CAPTION = 30;

export class SweepStripRenderer extends OverlayFigure<SweepStripData> {
  constructor(el: HTMLElement) {
    super(el, 'sweep-strip', 'sweep-strip');
  }

  protected render(): void {
    this.layer.textContent = '';
    this.svg.selectAll('*').remove();
    const data = this.data;
    if (!data || this.width <= 0 || data.result.direction.length !== data.image.data.length) {
      this.root.style.height = '0px';
      this.svg.attr('width', 0).attr('height', 0);
      return;
    }
    const { result, image, classNames, trueLabel } = data;
    const indices = stripIndices(result.eps, data.count);
    const size = Math.max(
      16,
      Math.min(
        MAX_THUMB,
        Math.floor((this.width - GAP * (indices.length - 1) - 4) / indices.length),
      ),
    );
    const height = size + CAPTION + 4;
    this.root.style.height = `${height}px`;
    this.svg.attr('width', this.width).attr('height', height);

    indices.forEach((index, k) => {
      const eps = result.eps[index] ?? 0;
      const predicted = result.predictedClass[index] ?? -1;
      const correct = trueLabel !== null && predicted === trueLabel;
      const left = 2 + k * (size + GAP);

      // clipped to [0, 1] for display only
      const perturbed = sweepImage(image, result.direction, eps, [0, 1]);
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      canvas.className = 'sweep-strip__thumb';
      canvas.style.left = `${left}px`;
      canvas.style.top = '2px';
      canvas.style.width = `${size}px`;
      canvas.style.height = `${size}px`;
      canvas.dataset.testid = `sweep-thumb-${k}`;
      canvas.dataset.index = String(index);
      canvas.dataset.eps = formatFloat32(eps);
      canvas.dataset.predicted = String(predicted);
      canvas.dataset.correct = String(correct);
      canvas.setAttribute('role', 'img');
      canvas.setAttribute(
        'aria-label',
        `eps ${formatFloat32(eps)}: predicted ${className(classNames, predicted)}` +
          (correct ? ', correct' : ''),
      );
      canvas
        .getContext('2d')
        ?.putImageData(new ImageData(imageToRgba(perturbed), image.width, image.height), 0, 0);
      this.layer.appendChild(canvas);

      if (correct) {
        this.svg
          .append('rect')
          .attr('data-testid', `sweep-thumb-box-${k}`)
          .attr('x', left - 1.5)
          .attr('y', 0.5)
          .attr('width', size + 3)
          .attr('height', size + 3)
          .attr('fill', 'none')
          .attr('stroke', 'currentColor')
          .attr('stroke-width', 2);
      }
      const caption = this.svg
        .append('text')
        .attr('x', left + size / 2)
        .attr('y', size + 16)
        .attr('text-anchor', 'middle')
        .attr('fill', 'currentColor');
      caption.append('tspan').text(eps.toFixed(3));
      caption
        .append('tspan')
        .attr('x', left + size / 2)
        .attr('dy', 13)
        .attr('font-weight', correct ? 700 : 400)
        .text(className(classNames, predicted).slice(0, Math.max(3, Math.floor(size / 6))));
    });
  }
}
