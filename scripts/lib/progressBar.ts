/**
 * A one-line progress bar on stderr: bar, percentage, running metrics, elapsed time and ETA.
 * On a terminal it redraws in place; in a log file it prints a line every `logEvery` of the way.
 */
export interface ProgressBarOptions {
  total: number;
  label: string;
  width?: number;
  /** fraction of the total between lines when stderr is not a terminal */
  logEvery?: number;
  stream?: NodeJS.WriteStream;
  /** draw nothing (tests) */
  silent?: boolean;
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export class ProgressBar {
  private readonly started = Date.now();
  private readonly width: number;
  private readonly logEvery: number;
  private readonly stream: NodeJS.WriteStream;
  private lastLogged = -1;

  constructor(private readonly options: ProgressBarOptions) {
    this.width = options.width ?? 24;
    this.logEvery = options.logEvery ?? 0.25;
    this.stream = options.stream ?? process.stderr;
  }

  /** Renders the line for `done` of `total` steps (pure, for tests). */
  line(done: number, metrics: string, elapsedSeconds: number): string {
    const fraction = this.options.total > 0 ? Math.min(1, done / this.options.total) : 1;
    const filled = Math.round(fraction * this.width);
    const bar = '#'.repeat(filled) + '.'.repeat(this.width - filled);
    const eta = fraction > 0 ? (elapsedSeconds * (1 - fraction)) / fraction : Infinity;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    return `${this.options.label} [${bar}] ${percent} ${metrics} | ${formatSeconds(elapsedSeconds)} ETA ${formatSeconds(eta)}`;
  }

  update(done: number, metrics: string): void {
    if (this.options.silent) return;
    const text = this.line(done, metrics, (Date.now() - this.started) / 1000);
    if (this.stream.isTTY) {
      this.stream.write(`\r${text}\x1b[K`);
      return;
    }
    const step = Math.floor(done / Math.max(1, this.options.total) / this.logEvery);
    if (step > this.lastLogged) {
      this.lastLogged = step;
      this.stream.write(`${text}\n`);
    }
  }

  /** Final line, always printed. */
  finish(metrics: string): void {
    if (this.options.silent) return;
    const text = this.line(this.options.total, metrics, (Date.now() - this.started) / 1000);
    this.stream.write(this.stream.isTTY ? `\r${text}\x1b[K\n` : `${text}\n`);
  }
}
