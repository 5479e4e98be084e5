// The review system's refusals: an HTTP status and its error body (`{ code, message, fields? }`), messages in Chinese.
export class DeskError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'DeskError';
  }
}
