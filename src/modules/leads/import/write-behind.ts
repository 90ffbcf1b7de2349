/**
 * Writes batches one after another while the caller prepares the next: one batch in flight at
 * most, so the rows in memory stay bounded and each write sees every earlier one committed to the
 * transaction.
 */
export class WriteBehind {
  private writing: Promise<void> = Promise.resolve();

  /** Waits for the batch being written (throwing its failure), then starts this one. */
  async push(write: () => Promise<void>): Promise<void> {
    await this.writing;
    this.writing = write();
    // Its failure is thrown by the next push or by drain(); until then it is not unhandled.
    this.writing.catch(() => undefined);
  }

  /** The last batch written, or its failure thrown. */
  drain(): Promise<void> {
    return this.writing;
  }

  /**
   * Waits for the batch in flight when the caller fails for a reason of its own: the batch's
   * statements must not run after the transaction is rolled back.
   */
  settle(): Promise<void> {
    return this.writing.catch(() => undefined);
  }
}
