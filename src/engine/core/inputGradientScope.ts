/**
 * Attacks need the gradient with respect to the input only, but tfjs' fused convolutions (the
 * Conv2D layers of every Keras conv net, MobileNet's included) compute their filter gradient in
 * the same custom gradient and drop it afterwards. On wasm those filter gradients are the
 * engine's own kernels (wasmFallbackKernels), which skip the work inside this scope and return
 * zeros: nothing in it can use them, since the input is the only thing differentiated.
 * Measured on MobileNet v1 0.25 with `npx tsx bench/mobilenet.ts` (see the README).
 */
let depth = 0;

/** Runs `fn` (synchronous tfjs work: tf.grad with respect to an input) skipping filter gradients. */
export function onlyInputGradients<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
  }
}

/** Whether a filter-gradient kernel may return zeros now. */
export const filterGradientsUnused = (): boolean => depth > 0;
