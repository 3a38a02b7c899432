/** The engine core: tfjs ops shared by the worker and the Node scripts. */
export type { Classifier } from './classifier';
export { EngineError, isEngineErrorCode, toEngineErrorData } from './errors';
export * from './validate';
export { imagesToTensor, imageToTensor, readFloat32, readInt32, tensorToImages } from './tensors';
export { classifierFromLayersModel, type LayersClassifier } from './layersClassifier';
export { classifierFromFunction, ensembleClassifier } from './classifiers';
export {
  argMaxRange,
  predictedLabels,
  predictImages,
  predictionsFromLogits,
  PREDICT_BATCH,
} from './predict';
export {
  crossEntropyPerImage,
  crossEntropySum,
  exactSign,
  gradientSign,
  lossGradient,
} from './gradient';
export { lossLabelOf, lossLabels } from './labels';
export { attackBatch, fgsmBatch, targetedFgsmBatch, type AttackSpec } from './attack';
export { attackImage } from './attackImage';
export { stepAlong, sweepImage, SWEEP_MAX_ELEMENTS } from './sweep';
export {
  crossSectionImage,
  crossSectionLevels,
  DEFAULT_CHUNK_SIZE,
  MIN_COARSE_RESOLUTION,
  type CrossSectionHooks,
} from './crossSection';
export {
  crossSectionDirections,
  orthogonalDirection,
  type CrossSectionDirections,
} from './crossSectionDirections';
export { evaluatePlaneCells, type CellsShare, type PeerCells } from './crossSectionCells';
export type { PeerShares } from './peerShares';
export { firstLayerWeights } from './weights';
