import { link, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkOrCopy } from './placeFile';

describe('linkOrCopy', () => {
  it('places the file and leaves no temporary file, also where dest is already a link to src', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'place-'));
    const src = join(dir, 'a.gz');
    await writeFile(src, 'bytes');
    await linkOrCopy(src, join(dir, 'b.gz'));
    // rename(2) of one hard link onto another of the same file does nothing: the temp stays
    await link(src, join(dir, 'c.gz'));
    await linkOrCopy(src, join(dir, 'c.gz'));
    expect((await readdir(dir)).sort()).toEqual(['a.gz', 'b.gz', 'c.gz']);
    expect(await readFile(join(dir, 'c.gz'), 'utf8')).toBe('bytes');
  });
});
