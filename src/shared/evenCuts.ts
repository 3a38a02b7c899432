/** `ways` + 1 cut points that split 0..total into `ways` parts whose sizes differ by at most 1. */
export function evenCuts(total: number, ways: number): number[] {
  return Array.from({ length: ways + 1 }, (_, k) => Math.round((k * total) / ways));
}
