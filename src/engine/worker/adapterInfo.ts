/**
 * Reading a WebGPU adapter's self-description (GPUAdapterInfo). Pure: the worker hands in the
 * strings, tests hand in the strings Chromium reports for SwiftShader, llvmpipe and real GPUs.
 */

/** The fields of GPUAdapterInfo we read; all may be empty strings. */
export interface AdapterStrings {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}

/** Names of CPU rasterisers that pose as GPUs: their "GPU" kernels run on the CPU, slowly. */
const SOFTWARE_MARKERS = [
  'swiftshader',
  'llvmpipe',
  'lavapipe',
  'softpipe',
  'software',
  'microsoft basic render',
  'warp',
];

export function isSoftwareAdapter(info: AdapterStrings): boolean {
  if ((info.architecture ?? '').toLowerCase() === 'swiftshader') return true;
  const text = [info.vendor, info.architecture, info.device, info.description]
    .map((part) => (part ?? '').toLowerCase())
    .join(' ');
  return SOFTWARE_MARKERS.some((marker) => new RegExp(`\\b${marker}\\b`).test(text));
}

/** One readable line, e.g. "google swiftshader (SwiftShader Device (Subzero))". */
export function describeAdapter(info: AdapterStrings): string {
  const head = [info.vendor, info.architecture, info.device]
    .map((part) => (part ?? '').trim())
    .filter((part) => part !== '')
    .join(' ');
  const description = (info.description ?? '').trim();
  if (head === '') return description === '' ? 'unknown WebGPU adapter' : description;
  return description === '' ? head : `${head} (${description})`;
}
