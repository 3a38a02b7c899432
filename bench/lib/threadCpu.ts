/**
 * CPU time of named threads of this process's descendants (Linux /proc), e.g. Chromium's
 * 'DedicatedWorker' (the engine worker) and 'CrRendererMain' (the page's main thread): unlike
 * wall-clock figures, what a thread consumed does not grow when other processes load the cores.
 * Elsewhere (no /proc) every figure is NaN.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** pid -> parent pid of every process now. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return map;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    // the command name is in parentheses and may hold spaces: fields start after the last ')'
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields?.[1]) map.set(Number(name), Number(fields[1]));
  }
  return map;
}

/** Processes below `root` (not itself). */
function descendants(root: number): number[] {
  const ppid = parents();
  const out: number[] = [];
  const below = (pid: number): boolean => {
    for (let p = ppid.get(pid); p !== undefined && p > 1; p = ppid.get(p))
      if (p === root) return true;
    return false;
  };
  for (const pid of ppid.keys()) if (below(pid)) out.push(pid);
  return out;
}

/** CPU ticks (user + system) of thread `tid` of `pid`, or null. */
function ticksOf(pid: number, tid: string): number | null {
  const stat = read(`/proc/${pid}/task/${tid}/stat`);
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command
  return fields ? Number(fields[11]) + Number(fields[12]) : null;
}

/**
 * Milliseconds of CPU used so far by the descendants' threads named `prefix…` ('' for every
 * thread), or with `prefix` 'main' the main threads of Chromium's renderer processes (the
 * page's thread).
 */
export function threadCpuMs(prefix: string, root = process.pid): number {
  let ticks = 0;
  let found = false;
  for (const pid of descendants(root)) {
    if (prefix === 'main') {
      if (!(read(`/proc/${pid}/cmdline`) ?? '').includes('--type=renderer')) continue;
      const t = ticksOf(pid, String(pid));
      if (t !== null) {
        ticks += t;
        found = true;
      }
      continue;
    }
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const comm = read(`/proc/${pid}/task/${tid}/comm`)?.trim() ?? '';
      if (!comm.startsWith(prefix)) continue;
      const t = ticksOf(pid, tid);
      if (t === null) continue;
      ticks += t;
      found = true;
    }
  }
  return found ? (ticks * 1000) / TICKS_PER_SECOND : NaN;
}
