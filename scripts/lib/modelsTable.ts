/** The README's table of models, rendered from models/index.json (numbers are never typed in). */
import type {
  AttackFigures,
  MeasuredFigures,
  ModelIndex,
  ModelManifest,
} from '../../src/models/manifest';
import { formatEps255 } from '../../src/state/epsRange';
import { formatSeconds } from './progressBar';

const DATASET_LABEL: Record<string, string> = {
  mnist: 'MNIST',
  'fashion-mnist': 'Fashion-MNIST',
  cifar10: 'CIFAR-10',
};

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** 0.25 as is; eps that are a whole number of 8-bit grey levels below 0.1 as k/255 */
export function formatEps(eps: number): string {
  const k255 = formatEps255(eps);
  return eps > 0 && eps < 0.1 && !k255.startsWith('≈') ? k255 : String(eps);
}

/** every measured eps of one attack, one line each */
function attackCell(list: AttackFigures[] | undefined): string {
  if (!list || list.length === 0) return '-';
  return list
    .map((f) => `ε=${formatEps(f.eps)}: ${pct(f.errorRate)} (${pct(f.meanConfidenceOnMistakes)})`)
    .join('<br>');
}

/** PGD's figures, with its step count and, when it ran on fewer images, how many */
function pgdCell(f: MeasuredFigures | undefined): string {
  const pgd = f?.pgd;
  if (!pgd) return '-';
  const subset = pgd.testImages < f.testImages ? ` (first ${pgd.testImages} images)` : '';
  return `${pgd.steps} steps${subset}:<br>${attackCell(pgd.attacks)}`;
}

function trainingCell(m: ModelManifest): string {
  if (m.members) return `members: ${m.members.join(', ')}`;
  if (!m.training) return '-';
  const t = m.training;
  return `${formatSeconds(t.seconds)}, ${t.epochs} epochs, ${t.backend}: \`${t.command}\``;
}

export function modelsTable(index: ModelIndex): string {
  const header =
    `| id | dataset | model | test images | clean error | FGSM error (conf. on mistakes) | ` +
    `random ±ε error (conf.) | uniform U(−ε, ε) error (conf.) | PGD error (conf.) | training |`;
  const rows = index.models.map((m) => {
    const f = m.figures;
    return (
      `| \`${m.id}\` | ${DATASET_LABEL[m.dataset] ?? m.dataset} | ${m.title} | ` +
      `${f ? f.testImages : '-'} | ${f ? pct(f.cleanErrorRate) : '-'} | ` +
      `${attackCell(f?.fgsm)} | ${attackCell(f?.randomSign)} | ` +
      `${attackCell(f?.uniform)} | ${pgdCell(f)} | ${trainingCell(m)} |`
    );
  });
  return [header, `|${' --- |'.repeat(10)}`, ...rows].join('\n');
}

/** `readme` with the first table after its "## Models" heading replaced by `table`. */
export function replaceModelsTable(readme: string, table: string): string {
  const lines = readme.split('\n');
  const heading = lines.indexOf('## Models');
  if (heading < 0) throw new Error('README.md has no "## Models" heading');
  const start = lines.findIndex((line, i) => i > heading && line.startsWith('|'));
  if (start < 0) throw new Error('README.md has no table under "## Models"');
  let end = start;
  while (end < lines.length && (lines[end] ?? '').startsWith('|')) end++;
  return [...lines.slice(0, start), table, ...lines.slice(end)].join('\n');
}
