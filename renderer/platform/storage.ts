// Asks the browser layer to keep this origin's storage (IndexedDB holds the shop's books):
// without it a browser may evict the data under storage pressure. Asked once at start-up.

export interface StorageStatus {
  /** null where the Storage API is missing (then nothing can be said). */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

let persistRequest: Promise<boolean | null> | null = null;

/** Requests persistent storage (once); resolves to whether it was granted. */
export function requestPersistentStorage(): Promise<boolean | null> {
  persistRequest ??= (async () => {
    const storage = navigator.storage;
    if (!storage?.persist) return null;
    try {
      return (await storage.persisted()) || (await storage.persist());
    } catch {
      return null;
    }
  })();
  return persistRequest;
}

export async function storageStatus(): Promise<StorageStatus> {
  const storage = navigator.storage;
  const persisted = await requestPersistentStorage();
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    const estimate = await storage?.estimate?.();
    usage = estimate?.usage ?? null;
    quota = estimate?.quota ?? null;
  } catch {
    // No estimate: the card says it cannot tell.
  }
  return { persisted, usage, quota };
}
