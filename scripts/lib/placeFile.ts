/** Puts files in place without ever leaving a half-written one under the final name. */
import { chmod, copyFile, link, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temporary name next to `dest`, unique to this process. */
export function tempPath(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}.${process.pid}.tmp`);
}

/** Copies `src` to `dest`; readers of `dest` see the old file or the whole new one. */
export async function copyInto(src: string, dest: string): Promise<void> {
  const tmp = tempPath(dest);
  await copyFile(src, tmp);
  await chmod(tmp, 0o644); // ours now, even when the source was read-only
  await rename(tmp, dest);
}

/**
 * Hard-links `src` to `dest` (same disk: no copy), or copies it. Only for files of our own:
 * a link to someone else's file would let a write through `dest` change theirs.
 */
export async function linkOrCopy(src: string, dest: string): Promise<void> {
  const tmp = tempPath(dest);
  await rm(tmp, { force: true });
  try {
    await link(src, tmp);
  } catch {
    await copyFile(src, tmp);
  }
  await rename(tmp, dest);
  // rename(2) does nothing when tmp and dest are links to one file (dest was placed before)
  await rm(tmp, { force: true });
}
