import type { DatasetId } from '../models/manifest';

export interface EpsRange {
  min: number;
  max: number;
  /** slider step */
  step: number;
  /** the paper's eps for this dataset (0.25 on MNIST, 0.1 on CIFAR-10, 0.007 on ImageNet) */
  default: number;
}

const RANGES: Record<DatasetId, EpsRange> = {
  mnist: { min: 0, max: 0.5, step: 0.005, default: 0.25 },
  'fashion-mnist': { min: 0, max: 0.3, step: 0.001, default: 0.1 },
  cifar10: { min: 0, max: 0.3, step: 0.001, default: 0.1 },
  imagenet: { min: 0, max: 0.3, step: 0.001, default: 0.007 },
  custom: { min: 0, max: 0.3, step: 0.001, default: 0.1 },
};

export function epsRangeFor(dataset: DatasetId | undefined): EpsRange {
  return RANGES[dataset ?? 'mnist'];
}

export function clampEps(eps: number, range: EpsRange): number {
  if (!Number.isFinite(eps)) return range.default;
  return Math.min(range.max, Math.max(range.min, eps));
}

/** eps in 8-bit grey levels: "64/255"; "≈" marks a value between two levels. */
export function formatEps255(eps: number): string {
  const levels = eps * 255;
  const rounded = Math.round(levels);
  return `${Math.abs(levels - rounded) < 1e-6 ? '' : '≈'}${rounded}/255`;
}
