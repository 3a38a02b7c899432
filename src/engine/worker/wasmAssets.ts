/**
 * The wasm backend's binaries as Vite assets: Vite copies each file into the build and gives its
 * hashed URL, so the wasm backend fetches them from our own origin (never a CDN). Browser only:
 * in Node the wasm backend finds the files next to its own module.
 */
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WasmPaths } from './backend';

export const WASM_ASSET_PATHS: WasmPaths = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
};
