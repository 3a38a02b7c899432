/** A data file that is not what it claims to be: wrong magic, wrong size, bad label, ... */
export class DataFormatError extends Error {
  override readonly name = 'DataFormatError';
}
