/**
 * Training checkpoints on disk: a JSON state and named groups of tensors (model weights, best
 * weights, optimizer moments), written to a temporary folder and renamed into place, so a run
 * stopped at any moment leaves either the previous checkpoint or the new one, never half of one.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const STATE = 'state.json';

interface Stored<S> {
  state: S;
  groups: Record<string, tf.io.WeightsManifestEntry[]>;
}

/** tfjs's { name, tensor } pair (not exported by the tfjs package itself) */
export type NamedTensor = Awaited<ReturnType<tf.Optimizer['getWeights']>>[number];

export type TensorGroups = Record<string, NamedTensor[]>;

export async function saveCheckpoint<S>(
  dir: string,
  state: S,
  groups: TensorGroups,
): Promise<void> {
  const temp = `${dir}.writing`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  const stored: Stored<S> = { state, groups: {} };
  for (const [name, tensors] of Object.entries(groups)) {
    const { data, specs } = await tf.io.encodeWeights(tensors);
    stored.groups[name] = specs;
    await writeFile(join(temp, `${name}.bin`), new Uint8Array(data as ArrayBuffer));
  }
  await writeFile(join(temp, STATE), JSON.stringify(stored));
  const old = `${dir}.old`;
  await rm(old, { recursive: true, force: true });
  if (existsSync(dir)) await rename(dir, old);
  await mkdir(dirname(dir), { recursive: true });
  await rename(temp, dir);
  await rm(old, { recursive: true, force: true });
}

/** The checkpoint in `dir` (or the one a crash left at `dir`.old), null when there is none. */
export async function loadCheckpoint<S>(
  dir: string,
): Promise<{ state: S; groups: TensorGroups } | null> {
  const from = existsSync(join(dir, STATE))
    ? dir
    : existsSync(join(`${dir}.old`, STATE))
      ? `${dir}.old`
      : null;
  if (from === null) return null;
  const stored = JSON.parse(await readFile(join(from, STATE), 'utf8')) as Stored<S>;
  const groups: TensorGroups = {};
  for (const [name, specs] of Object.entries(stored.groups)) {
    const bytes = await readFile(join(from, `${name}.bin`));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const map = tf.io.decodeWeights(buffer as ArrayBuffer, specs);
    groups[name] = specs.map((s) => {
      const tensor = map[s.name];
      if (tensor === undefined) throw new Error(`checkpoint ${from}: ${name} lacks ${s.name}`);
      return { name: s.name, tensor };
    });
  }
  return { state: stored.state, groups };
}

export async function removeCheckpoint(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await rm(`${dir}.old`, { recursive: true, force: true });
}
