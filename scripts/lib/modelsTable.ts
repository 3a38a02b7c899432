/** The README's table of models, rendered from models/index.json (numbers are never typed in). */
import type { AttackFigures, ModelIndex, ModelManifest } from '../../src/models/manifest';
import { formatSeconds } from './progressBar';

const DATASET_LABEL: Record<string, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function attackCell(list: AttackFigures[] | undefined, eps: number): string {
  const f = list?.find((a) => a.eps === eps);
  return f ? `${pct(f.errorRate)} (${pct(f.meanConfidenceOnMistakes)})` : '-';
}

function trainingCell(m: ModelManifest): string {
  if (m.members) return `members: ${m.members.join(', ')}`;
  if (!m.training) return '-';
  const t = m.training;
  return `${formatSeconds(t.seconds)}, ${t.epochs} epochs, ${t.backend}: \`${t.command}\``;
}

export function modelsTable(index: ModelIndex, eps = 0.25): string {
  const header =
    `| id | dataset | model | test images | clean error | FGSM ε=${eps} error (conf. on mistakes) | ` +
    `random ±ε error (conf.) | uniform U(−ε, ε) error (conf.) | training |`;
  const rows = index.models.map((m) => {
    const f = m.figures;
    return (
      `| \`${m.id}\` | ${DATASET_LABEL[m.dataset] ?? m.dataset} | ${m.title} | ` +
      `${f ? f.testImages : '-'} | ${f ? pct(f.cleanErrorRate) : '-'} | ` +
      `${attackCell(f?.fgsm, eps)} | ${attackCell(f?.randomSign, eps)} | ` +
      `${attackCell(f?.uniform, eps)} | ${trainingCell(m)} |`
    );
  });
  return [header, `|${' --- |'.repeat(9)}`, ...rows].join('\n');
}
