/** The shape of a benchmark result file (bench/results/*.json), shared by Node and browser runs. */
import type { Summary } from './stats';

/** One workload on one backend: timings plus what else it measured (coarse picture, rate...). */
export interface WorkloadResult {
  workload: string;
  model: string;
  /** 'node' (tfjs in Node) or 'chromium' (the app's worker in headless Chromium) */
  host: 'node' | 'chromium';
  backend: string;
  ms: Summary;
  /** extra measurements, each a Summary over the same runs (e.g. firstCoarseMs) */
  extra?: Record<string, Summary>;
  note?: string;
}

export interface BackendChoiceReport {
  host: 'node' | 'chromium';
  chosen: string;
  choiceMs: number;
  candidates: { name: string; available: boolean; probeMs?: number; reason?: string }[];
  /** the backend with the lowest median one-FGSM time among those measured */
  fastestFgsm?: string;
  pickedFastest?: boolean;
}

export interface BenchReport {
  date: string;
  machine: {
    cpus: string;
    cores: number;
    memoryGiB: number;
    os: string;
    node: string;
    /** 1-minute load average when the run started and ended */
    loadAverage: { start: number[]; end: number[] };
    note?: string;
    gpu?: string;
  };
  results: WorkloadResult[];
  backendChoice: BackendChoiceReport[];
  skipped: string[];
}
