export * from './raster';
export * from './resize';
export * from './mnist';
export * from './prepare';
export * from './sniff';
export * from './policy';
export * from './quantise';
export * from './colourfulness';
