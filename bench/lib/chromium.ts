// Chromium for the benchmarks: Debian's /usr/bin/chromium driven by playwright-core
// (`npx playwright install` cannot download browsers here), with a profile folder of our
// own so the IndexedDB data of a run lives and dies with the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Exact (not bucketed) performance.memory figures, and gc() for settled heap readings.
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];

export interface Chromium {
  context: BrowserContext;
  profileDir: string;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  const profileDir = mkdtempSync(path.join(tmpdir(), 'counterflow-bench-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1920, height: 1080 },
  });
  // tsx compiles bench code with esbuild's keepNames, so functions handed to page.evaluate
  // may call a __name helper the page does not have: give every page a no-op one.
  await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  return {
    context,
    profileDir,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Main-thread JS heap of a page from CDP (Performance.getMetrics), in bytes. */
export async function pageHeap(cdp: CDPSession): Promise<{ used: number; total: number }> {
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return { used: get('JSHeapUsedSize'), total: get('JSHeapTotalSize') };
}

/**
 * JS heap of the page's dedicated workers (the engine worker). Persistent contexts have no
 * browser-level CDP session, so: auto-attach (non-flattened) from a page session, then ask
 * each worker for Runtime.getHeapUsage through Target.sendMessageToTarget.
 */
export async function workerHeaps(page: Page, gc: boolean): Promise<Array<{ url: string; used: number; total: number }>> {
  const cdp = await page.context().newCDPSession(page);
  const attached: Array<{ sessionId: string; url: string }> = [];
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string; url: string } }) => {
    if (e.targetInfo.type === 'worker') attached.push({ sessionId: e.sessionId, url: e.targetInfo.url });
  });
  try {
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    await new Promise((r) => setTimeout(r, 200));
    const out: Array<{ url: string; used: number; total: number }> = [];
    for (const w of attached) {
      let nextId = 1;
      const call = (method: string, params: object = {}) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const id = nextId++;
          const onMessage = (event: { sessionId?: string; message: string }) => {
            if (event.sessionId !== w.sessionId) return;
            const msg = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
            if (msg.id !== id) return;
            cdp.off('Target.receivedMessageFromTarget', onMessage);
            if (msg.error) reject(new Error(msg.error.message));
            else resolve(msg.result ?? {});
          };
          cdp.on('Target.receivedMessageFromTarget', onMessage);
          void cdp.send('Target.sendMessageToTarget', { sessionId: w.sessionId, message: JSON.stringify({ id, method, params }) });
        });
      if (gc) await call('HeapProfiler.collectGarbage').catch(() => undefined);
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      out.push({ url: w.url, used: usage.usedSize, total: usage.totalSize });
    }
    return out;
  } finally {
    await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false }).catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
}

/** Forward the page's console errors to ours (prefixed), so a broken bench page is visible. */
export function echoErrors(page: Page, tag: string): void {
  page.on('pageerror', (e) => console.error(`    [${tag}] page error: ${e.message}`));
  page.on('console', (m) => {
    // Failed loads are reported below with their address (favicon.ico is not an error).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) console.error(`    [${tag}] console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) console.error(`    [${tag}] HTTP ${r.status()} ${r.url()}`);
  });
}

/** A CPU profile of whatever `work` makes the page do (CDP Profiler), saved as .cpuprofile. */
export async function profilePage<T>(page: Page, file: string, work: () => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach().catch(() => undefined);
  }
}
