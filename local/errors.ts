/**
 * A problem the person starting local mode can fix (Java missing, a port taken, a data dir they
 * cannot write). The CLI prints just the message, a single sentence, and exits 1: a stack trace
 * would only hide the one thing they need to read.
 */
export class LocalModeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalModeError';
  }
}
