/**
 * A concurrent transaction touched the same item: the caller may re-read and try again. On its
 * own (no imports), so the store modules that the transaction's guards import can extend it.
 */
export class WriteConflictError extends Error {
  constructor(readonly itemIndex: number) {
    super('transaction conflict');
    this.name = 'WriteConflictError';
  }
}
