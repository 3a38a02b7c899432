/** The compare view's types (see compareSlice.ts), apart so types.ts composes them without a cycle. */
import type { AttackResult } from '../../engine/api';

/** The attacks the compare view puts side by side: the gradient's sign and its two controls. */
export const COMPARE_MODES = ['fgsm', 'random-sign', 'uniform'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/** Model A is the selected model; model B the one beside it. */
export type CompareRole = 'a' | 'b';

/** One attack of one model on the current image, as the engine answered it. */
export interface CompareCell {
  modelId: string;
  mode: CompareMode;
  eps: number;
  /** the last answer; kept (shown as pending) while a new one is computed, so nothing jumps */
  result: AttackResult | null;
  pending: boolean;
  error: string | null;
}

export interface CompareData {
  /** model B; null: the selected model's partner (its adversarially trained twin) */
  compareModelId: string | null;
  /** keyed `${role}:${mode}` */
  compareCells: Partial<Record<`${CompareRole}:${CompareMode}`, CompareCell>>;
}

export interface CompareActions {
  setCompareModelId(id: string | null): void;
  setCompareCell(role: CompareRole, cell: CompareCell): void;
  clearCompareCells(role?: CompareRole): void;
}
