/**
 * A module, or a client built from one, loaded when first asked for and then
 * kept. A Lambda pays at every cold start for what it imports statically;
 * what only some requests or events need (an SDK client, a renderer) is
 * loaded through this, so a cold start pays for it only when asked. A failed
 * load is not kept: the next call tries again.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
