import { describe, expect, it } from 'vitest';
import { describeAdapter, isSoftwareAdapter } from './adapterInfo';

describe('software adapter detection from GPUAdapterInfo strings', () => {
  it.each([
    [
      'Chromium SwiftShader',
      {
        vendor: 'google',
        architecture: 'swiftshader',
        device: 'subzero',
        description: 'SwiftShader Device (Subzero)',
      },
    ],
    [
      'SwiftShader with the architecture hidden',
      { vendor: 'google', architecture: '', description: 'SwiftShader Device (LLVM 10.0.0)' },
    ],
    [
      'Mesa llvmpipe',
      { vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.7, 256 bits)' },
    ],
    ['Mesa lavapipe', { vendor: 'mesa', description: 'lavapipe' }],
    ['Windows WARP', { vendor: 'microsoft', description: 'Microsoft Basic Render Driver' }],
  ])('flags %s as software', (_name, info) => {
    expect(isSoftwareAdapter(info)).toBe(true);
  });

  it.each([
    ['NVIDIA', { vendor: 'nvidia', architecture: 'ampere', device: '', description: '' }],
    ['Apple', { vendor: 'apple', architecture: 'metal-3', description: 'Apple M2' }],
    [
      'Intel',
      { vendor: 'intel', architecture: 'gen-12lp', description: 'Intel(R) Iris(R) Xe Graphics' },
    ],
    [
      'empty strings (browsers may hide everything)',
      { vendor: '', architecture: '', description: '' },
    ],
    [
      'a word that merely contains a marker',
      { vendor: 'acme', description: 'Softwarehouse GPU 9000' },
    ],
  ])('does not flag %s', (_name, info) => {
    expect(isSoftwareAdapter(info)).toBe(false);
  });
});

describe('adapter description', () => {
  it('joins vendor, architecture and device, then the description in parentheses', () => {
    expect(
      describeAdapter({
        vendor: 'google',
        architecture: 'swiftshader',
        device: 'subzero',
        description: 'SwiftShader Device (Subzero)',
      }),
    ).toBe('google swiftshader subzero (SwiftShader Device (Subzero))');
  });

  it('falls back to whatever is present', () => {
    expect(describeAdapter({ vendor: 'nvidia', architecture: 'ampere' })).toBe('nvidia ampere');
    expect(describeAdapter({ description: 'Apple M2' })).toBe('Apple M2');
    expect(describeAdapter({})).toBe('unknown WebGPU adapter');
  });
});
