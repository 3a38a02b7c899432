/** Errors of the data step; their messages are printed to the user as they are. */

/** A file whose checksum is not one we know: corrupt, truncated or a different copy. */
export class ChecksumError extends Error {
  override readonly name = 'ChecksumError';
  constructor(
    readonly fileName: string,
    readonly from: string,
    readonly actual: string,
    readonly expected: readonly string[],
    algorithm = 'SHA-256',
  ) {
    super(
      `checksum mismatch for ${fileName} from ${from}: ${algorithm} is ${actual}, expected ` +
        `${expected.join(' or ')}. The file was not kept.`,
    );
  }
}

/** A download that did not produce a file: HTTP error, no network, stalled transfer. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly url: string,
    message: string,
    /** the HTTP status, when the server answered */
    readonly status?: number,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** A dataset none of whose sources worked; `attempts` says what went wrong with each. */
export class DataSourceError extends Error {
  override readonly name = 'DataSourceError';
  constructor(
    readonly datasetId: string,
    readonly attempts: string[],
  ) {
    super(
      `could not get ${datasetId} from any source:\n` + attempts.map((a) => `  - ${a}`).join('\n'),
    );
  }
}
