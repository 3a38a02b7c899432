/**
 * The scaffolding of a figure drawn as canvases under one SVG layer (thumbnails, weight images):
 * a root element, a layer for the canvases, the SVG overlay, and a redraw whenever the figure's
 * width changes. Subclasses implement `render()` from `this.data` and `this.width`.
 */
import * as d3 from 'd3';

export abstract class OverlayFigure<T> {
  protected readonly root: HTMLDivElement;
  /** where subclasses put their canvases */
  protected readonly layer: HTMLDivElement;
  protected readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  protected data: T | null = null;
  protected width: number;
  private readonly resizeObserver: ResizeObserver;

  constructor(el: HTMLElement, className: string, testId?: string) {
    this.root = document.createElement('div');
    this.root.className = className;
    if (testId) this.root.dataset.testid = testId;
    el.appendChild(this.root);
    this.layer = document.createElement('div');
    this.root.appendChild(this.layer);
    this.svg = d3
      .select(this.root)
      .append('svg')
      .attr('class', `${className}__overlay`)
      .attr('aria-hidden', 'true')
      .attr('font-size', 11)
      .attr('font-family', 'system-ui, sans-serif');
    this.resizeObserver = new ResizeObserver(() => {
      const width = Math.floor(this.root.clientWidth);
      if (width !== this.width) {
        this.width = width;
        this.render();
      }
    });
    this.resizeObserver.observe(this.root);
    this.width = Math.floor(this.root.clientWidth);
  }

  update(data: T | null): void {
    this.data = data;
    this.render();
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.root.remove();
  }

  protected abstract render(): void;
}
