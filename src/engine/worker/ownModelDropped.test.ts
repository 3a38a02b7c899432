/**
 * A model dropped as files is loaded through blob: URLs; a message about its weight files must
 * name the user's own files ("weights.bin"), never a blob: URL (issue 14, finding 4).
 */
import { describe, expect, it } from 'vitest';
import { droppedModel } from '../../models/droppedModelFiles';
import { fetchOwnModel } from './ownModelFetch';
import { badModelFiles, goodModelFiles, type ModelFiles } from './ownModelFixtures';

const asFiles = (files: ModelFiles): File[] =>
  Object.entries(files).map(([name, bytes]) => new File([bytes.slice()], name));

describe('dropped model files', () => {
  it('load through their blob: URLs', async () => {
    const { url } = await droppedModel(asFiles(await goodModelFiles()));
    const { artifacts } = await fetchOwnModel(url, (u) => fetch(u));
    expect(artifacts.weightData).toBeInstanceOf(ArrayBuffer);
  });

  it('a truncated weight file is named by its file name, not its blob: URL', async () => {
    const { url } = await droppedModel(asFiles(await badModelFiles('truncated-weights')));
    const error = await fetchOwnModel(url, (u) => fetch(u)).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(error).toMatch(/weight file 'weights\.bin' is truncated/);
    expect(error).not.toMatch(/blob:/);
  });
});
