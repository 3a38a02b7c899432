/**
 * The data-testid values the specs rely on; the app shell and views put them on their elements.
 * One list, so a renamed id shows up here and nowhere else.
 */
export const TEST_IDS = {
  /** the active backend's name, e.g. "webgpu" */
  backendName: 'backend-name',
  /** the adapter / device description */
  backendAdapter: 'backend-adapter',
  /** <select> choosing the backend (auto, webgpu, webgl, wasm, cpu) */
  backendSelect: 'backend-select',
  /** duration of the last engine operation */
  lastOpMs: 'last-op-ms',
  /** <select> of models */
  modelSelect: 'model-select',
  /** the test image picker (number input or select of indices) */
  imageSelect: 'image-select',
  /** <input type=range> for eps */
  epsSlider: 'eps-slider',
  /** <select> of attack modes */
  attackMode: 'attack-mode',
  predOriginal: 'pred-original',
  predAdversarial: 'pred-adversarial',
  imageOriginal: 'image-original',
  imagePerturbation: 'image-perturbation',
  imageAdversarial: 'image-adversarial',
  errorBanner: 'error-banner',
} as const;
