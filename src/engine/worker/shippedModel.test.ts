/**
 * A manifest that reaches the engine is checked by the registry's own parser (one validation of
 * manifests), and refused as invalid-argument naming the field.
 */
import { describe, expect, it } from 'vitest';
import { EngineError } from '../core/errors';
import { testManifest } from '../core/testFixtures';
import { checkManifest } from './shippedModel';

function refusal(manifest: unknown, baseUrl: unknown = 'http://models.test/'): EngineError {
  try {
    checkManifest(manifest, baseUrl);
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected the manifest to be refused');
}

describe('checkManifest', () => {
  it('accepts what the registry accepts', () => {
    expect(() => checkManifest(testManifest([28, 28, 1], 10), 'http://models.test/')).not.toThrow();
  });

  it('refuses what the registry refuses, naming the field', () => {
    const oneClass = { ...testManifest([28, 28, 1], 1) };
    expect(refusal(oneClass).message).toBe(
      'model manifest: manifest.classNames: expected at least two classes',
    );
    const badShape = { ...testManifest([28, 28, 1], 10), inputShape: [28, 28] };
    expect(refusal(badShape)).toMatchObject({ code: 'invalid-argument' });
    expect(refusal(badShape).message).toContain('manifest.inputShape');
    const badOutput = { ...testManifest([28, 28, 1], 10), output: 'softmax' };
    expect(refusal(badOutput).message).toContain('manifest.output');
    expect(refusal(null).code).toBe('invalid-argument');
    expect(refusal(testManifest([28, 28, 1], 10), 42).message).toContain('baseUrl');
  });
});
