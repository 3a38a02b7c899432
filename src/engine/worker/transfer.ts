/**
 * Marks a result's typed arrays for transfer (moved, not copied, to the main thread). Only
 * arrays that own their whole buffer qualify: a view into a larger buffer (a wasm heap, a shared
 * pool) must never be detached. The core's read-backs are fresh copies, so this is safe for them.
 */
import { transfer } from 'comlink';

function collect(value: unknown, found: Set<ArrayBuffer>, depth: number): void {
  if (depth > 6 || typeof value !== 'object' || value === null) return;
  if (ArrayBuffer.isView(value)) {
    const { buffer } = value;
    if (
      buffer instanceof ArrayBuffer &&
      value.byteOffset === 0 &&
      value.byteLength === buffer.byteLength
    ) {
      found.add(buffer);
    }
    return;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    collect(item, found, depth + 1);
  }
}

export function transferableBuffers(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  collect(value, found, 0);
  return [...found];
}

/** Returns `value`, marked so that comlink transfers its typed arrays' buffers (if it has any). */
export function withTransfer<T>(value: T): T {
  const buffers = transferableBuffers(value);
  // comlink keys its marks by object: a value without buffers (or no object at all) needs none
  return buffers.length > 0 ? transfer(value, buffers) : value;
}
