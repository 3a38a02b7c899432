/** `controls=eps,image`: which controls an embed shows; everything else is hidden. */
export const EMBED_CONTROLS = ['eps', 'model', 'image', 'attack', 'label', 'view'] as const;
export type EmbedControl = (typeof EMBED_CONTROLS)[number];

export function parseControls(raw: string | null): {
  controls: EmbedControl[];
  warnings: string[];
} {
  const controls: EmbedControl[] = [];
  const warnings: string[] = [];
  if (raw === null || raw.trim() === '') return { controls, warnings };
  for (const entry of raw.split(',').slice(0, EMBED_CONTROLS.length * 2)) {
    const name = entry.trim();
    const found = EMBED_CONTROLS.find((c) => c === name);
    if (found) {
      if (!controls.includes(found)) controls.push(found);
    } else warnings.push(`ignored control ${JSON.stringify(name.slice(0, 30))}`);
  }
  return { controls, warnings };
}
