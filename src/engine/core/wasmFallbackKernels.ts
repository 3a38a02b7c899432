/**
 * The wasm backend has no kernels for three convolution gradients (Conv2DBackpropFilter and
 * DepthwiseConv2dNativeBackprop{Input,Filter}). tfjs-layers' fused convolutions compute the
 * filter gradient even when only the input gradient is asked for, so every conv net (MobileNet
 * included) fails to attack on wasm without them. They are registered here for wasm: NHWC
 * float32 by the typed-array loops of convGradKernels, anything else by the cpu backend's kernel
 * on copies of the data.
 */
import * as tf from '@tensorflow/tfjs';
import {
  conv2dBackpropFilter,
  depthwiseBackpropFilter,
  depthwiseBackpropInput,
  type ConvGradAttrs,
} from './convGradKernels';
import { filterGradientsUnused } from './inputGradientScope';
import { depthwiseBackpropInputByConv } from './wasmDepthwiseGradient';
import { registerWasmFastKernels } from './wasmFastKernels';
import { conv2dBackpropFilterByConv, registerWasmConvInputGradient } from './wasmConvGradients';

const MISSING_ON_WASM = [
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
];

interface HostBackend {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeOutput(
    shape: number[],
    dtype: tf.DataType,
    memoryOffset?: number,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
}

interface CpuBackend {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo(
    shape: number[],
    dtype: tf.DataType,
    values?: tf.backend_util.BackendValues,
  ): tf.TensorInfo;
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void;
}

function borrowFromCpu(kernelName: string, cpuKernel: tf.KernelConfig): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const cpu = tf.findBackend('cpu') as unknown as CpuBackend | null;
    if (!cpu) throw new Error(`${kernelName}: the cpu backend is not available`);
    const host = backend as unknown as HostBackend;
    const moved: tf.NamedTensorInfoMap = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info)
        moved[name] = cpu.makeTensorInfo(info.shape, info.dtype, host.readSync(info.dataId));
    }
    try {
      const out = cpuKernel.kernelFunc({
        inputs: moved,
        backend: cpu as unknown as tf.KernelBackend,
        ...(attrs ? { attrs } : {}),
      });
      const back = (o: tf.TensorInfo): tf.TensorInfo => {
        const result = host.makeOutput(o.shape, o.dtype, undefined, cpu.readSync(o.dataId));
        cpu.disposeIntermediateTensorInfo(o);
        return result;
      };
      return Array.isArray(out) ? out.map(back) : back(out);
    } finally {
      for (const info of Object.values(moved)) if (info) cpu.disposeIntermediateTensorInfo(info);
    }
  };
}

/** kernels whose result attacks drop (inputGradientScope) */
const FILTER_GRADIENTS = new Set(['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter']);

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

type Fast = (
  read: (name: string) => Float32Array,
  shapeOf: (name: string) => number[],
  attrs: ConvGradAttrs & { filterShape?: number[]; inputShape?: number[] },
) => { shape: number[]; values: Float32Array };

const FAST: Record<string, Fast> = {
  Conv2DBackpropFilter: (read, shapeOf, a) => {
    const shape = a.filterShape ?? [];
    return { shape, values: conv2dBackpropFilter(read('x'), shapeOf('x'), read('dy'), shape, a) };
  },
  DepthwiseConv2dNativeBackpropInput: (read, shapeOf, a) => {
    const shape = a.inputShape ?? [];
    const f = shapeOf('filter');
    return { shape, values: depthwiseBackpropInput(read('dy'), read('filter'), shape, f, a) };
  },
  DepthwiseConv2dNativeBackpropFilter: (read, shapeOf, a) => {
    const shape = a.filterShape ?? [];
    return {
      shape,
      values: depthwiseBackpropFilter(read('x'), shapeOf('x'), read('dy'), shape, a),
    };
  },
};

/** The typed-array kernel for NHWC float32 inputs, the cpu kernel for anything else. */
function withFastPath(kernelName: string, slow: tf.KernelFunc): tf.KernelFunc {
  const fast = FAST[kernelName];
  return (args) => {
    const { inputs, backend, attrs } = args;
    const a = (attrs ?? {}) as unknown as ConvGradAttrs & {
      filterShape?: number[];
      inputShape?: number[];
    };
    const all = Object.values(inputs);
    const nhwcFloat =
      (a.dataFormat ?? 'NHWC') === 'NHWC' && all.every((t) => t?.dtype === 'float32');
    const host = backend as unknown as HostBackend;
    if (FILTER_GRADIENTS.has(kernelName) && filterGradientsUnused()) {
      const shape = a.filterShape ?? [];
      return host.makeOutput(shape, 'float32', undefined, new Float32Array(sizeOf(shape)));
    }
    if (!fast || !nhwcFloat) return slow(args);
    if (kernelName === 'DepthwiseConv2dNativeBackpropInput') {
      const dy = inputs['dy'];
      const filter = inputs['filter'];
      const byConv =
        dy && filter
          ? depthwiseBackpropInputByConv(dy, filter, a.inputShape ?? [], a, backend)
          : null;
      if (byConv) return byConv;
    }
    if (kernelName === 'Conv2DBackpropFilter') {
      const x = inputs['x'];
      const dy = inputs['dy'];
      const byMatMul =
        x && dy ? conv2dBackpropFilterByConv(x, dy, a.filterShape ?? [], a, backend) : null;
      if (byMatMul) return byMatMul;
    }
    const infoOf = (name: string): tf.TensorInfo => {
      const t = inputs[name];
      if (!t) throw new Error(`${kernelName}: no input ${name}`);
      return t;
    };
    const read = (name: string) => host.readSync(infoOf(name).dataId) as Float32Array;
    const { shape, values } = fast(read, (name) => infoOf(name).shape, a);
    return host.makeOutput(shape, 'float32', undefined, values);
  };
}

/**
 * Registers the missing wasm gradient kernels once, and the faster forward kernels of
 * wasmFastKernels (harmless when wasm is never used).
 */
export function registerWasmFallbackKernels(): void {
  registerWasmConvInputGradient();
  registerWasmFastKernels();
  for (const kernelName of MISSING_ON_WASM) {
    if (tf.getKernel(kernelName, 'wasm')) continue;
    const cpuKernel = tf.getKernel(kernelName, 'cpu');
    if (!cpuKernel) continue;
    tf.registerKernel({
      kernelName,
      backendName: 'wasm',
      kernelFunc: withFastPath(kernelName, borrowFromCpu(kernelName, cpuKernel)),
    });
  }
}
