// e2e builds only (`vite build --mode e2e`): makes this worker's IndexedDB refuse every
// write with the DOMException a browser gives (QuotaExceededError when the disk is full),
// so a Playwright test can show what the clerk then sees. Chromium's own quota override
// (DevTools Storage.overrideQuotaForOrigin) is not applied to IndexedDB writes here.
type Write = (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
const store = IDBObjectStore.prototype as unknown as Record<'put' | 'add', Write>;
const originals = { put: store.put, add: store.add };

/** Every put/add throws `name` from now on; null puts the real ones back. */
export function e2eStorageFault(name: string | null): void {
  for (const method of ['put', 'add'] as const) {
    store[method] = name === null ? originals[method] : () => {
      throw new DOMException(`Injected by the e2e test: ${name}`, name);
    };
  }
}
