/** A model the user brought is unusable; the message says what was wrong and what to do. */
export class OwnModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OwnModelError';
  }
}
