import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as union from '@tensorflow/tfjs';
import * as lean from './tfjsLean';

/** Every `tf.name` the engine's browser code reads (tests and Node-only files aside). */
function namesUsed(folder: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) {
      for (const name of namesUsed(path)) names.add(name);
    } else if (/\.ts$/.test(entry) && !/\.test\.ts$|Fixtures\.ts$|testing\.ts$/.test(entry)) {
      const code = readFileSync(path, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
      for (const match of code.matchAll(/\btf\.([A-Za-z_]\w*)/g)) names.add(match[1] as string);
    }
  }
  return names;
}

describe("the browser build's tfjs (tfjsLean)", () => {
  it('leaves out the WebGL backend and the converter, which load when needed', () => {
    expect(lean.findBackendFactory('cpu')).not.toBeNull();
    expect('loadGraphModel' in lean).toBe(false);
    expect('data' in lean).toBe(false);
  });

  it('has every value the engine code reads from tf (types are erased)', () => {
    const values = new Set(Object.keys(union));
    const exported = new Set(Object.keys(lean));
    const used = [...namesUsed(join(import.meta.dirname, '..'))];
    expect(used.length).toBeGreaterThan(50);
    const missing = used.filter((name) => values.has(name) && !exported.has(name));
    // a type-only use of the converter's GraphModel is fine; loadGraphModel is imported lazily
    expect(missing).toEqual(['GraphModel']);
  });
});
