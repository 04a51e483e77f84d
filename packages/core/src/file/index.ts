/**
 * Contract documents. Seam used by the termination processor: copy every file
 * of a terminated contract to the archives bucket. Idempotent.
 */
export async function archiveContract(_contractId: string): Promise<void> {
  // No documents are stored yet.
}
