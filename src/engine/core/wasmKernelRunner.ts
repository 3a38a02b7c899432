/** Runs wasm kernels by name inside a custom kernel, freeing every intermediate in one place. */
import * as tf from '@tensorflow/tfjs';

type TensorInfo = tf.TensorInfo;

interface WasmBackendLike {
  disposeData(dataId: tf.DataId): void;
}

function kernel(name: string): tf.KernelFunc {
  const k = tf.getKernel(name, 'wasm');
  if (!k) throw new Error(`the wasm backend has no ${name} kernel`);
  return k.kernelFunc;
}

/** Runs wasm kernels, remembering every intermediate so it can be freed in one place. */
export class KernelRunner {
  private readonly temporaries: TensorInfo[] = [];
  constructor(private readonly backend: object) {}

  run(name: string, inputs: tf.NamedTensorInfoMap, attrs: object): TensorInfo {
    const out = kernel(name)({
      inputs,
      backend: this.backend as tf.KernelBackend,
      attrs: attrs as tf.NamedAttrMap,
    }) as TensorInfo;
    this.temporaries.push(out);
    return out;
  }

  /** takes `t`, made outside run(), to be freed with the intermediates */
  adopt(t: TensorInfo): TensorInfo {
    this.temporaries.push(t);
    return t;
  }

  /** frees everything except `keep` */
  release(keep: TensorInfo | undefined): void {
    const wasm = this.backend as unknown as WasmBackendLike;
    for (const t of this.temporaries) if (t !== keep) wasm.disposeData(t.dataId);
  }
}

/** Runs `body` with a runner whose intermediates are freed afterwards, except the result. */
export function withRunner(
  backend: object,
  body: (runner: KernelRunner) => TensorInfo,
): TensorInfo {
  const runner = new KernelRunner(backend);
  let result: TensorInfo | undefined;
  try {
    result = body(runner);
    return result;
  } finally {
    runner.release(result);
  }
}
