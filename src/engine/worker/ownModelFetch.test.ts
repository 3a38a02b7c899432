/**
 * Own-model downloads. A model dropped as files is loaded through blob: URLs; a message about
 * its weight files must name the user’s own files ("weights.bin"), never a blob: URL (issue 14,
 * finding 4). Weight files are found relative to model.json, TF-Hub’s ?tfjs-format=file passed on.
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

describe('weight file addresses', () => {
  it('are relative to model.json; TF-Hub’s ?tfjs-format=file is passed on', async () => {
    const { weightFileUrl } = await import('./ownModelFetch');
    expect(weightFileUrl('group1-shard1of1', 'https://x.org/m/model.json')).toBe(
      'https://x.org/m/group1-shard1of1',
    );
    expect(
      weightFileUrl(
        'group1-shard1of2.bin',
        'https://tfhub.dev/google/tfjs-model/a/1/default/1/model.json?tfjs-format=file',
      ),
    ).toBe(
      'https://tfhub.dev/google/tfjs-model/a/1/default/1/group1-shard1of2.bin?tfjs-format=file',
    );
    // other queries (signed addresses) belong to model.json alone
    expect(weightFileUrl('w.bin', 'https://x.org/model.json?sig=abc')).toBe('https://x.org/w.bin');
  });
});
