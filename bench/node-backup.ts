// Backup and restore of a counter with N demo orders, on fake-indexeddb in Node (a process of
// its own, so the peak memory is this work's): time, peak JS heap and the file's size.
//   npx tsx bench/node-backup.ts <orders>   -> prints one JSON line
// Not wired into `npm run bench` yet. The Blob holding the file lives outside the JS heap
// (native memory in Node, possibly disk in Chromium), so maxRss is printed beside the heap.
import 'fake-indexeddb/auto';
import { getHeapStatistics } from 'node:v8';
import { readBackup, restoreBackup, writeBackup } from '../shared/backup';
import { CounterDb } from '../shared/db/database';
import { openCounter } from '../shared/index';
import { importDemo } from '../shared/demo/importDemo';

const orders = Number(process.argv[2] ?? 1000);
const counter = await openCounter({ dbName: 'bench-backup-source', deviceId: 'bench', operator: 'bench' });
await importDemo(counter, { orders });

let peakHeap = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
};

async function measure<T>(run: () => Promise<T>): Promise<{ ms: number; peakHeapMb: number; result: T }> {
  globalThis.gc?.();
  peakHeap = 0;
  sample();
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  const result = await run();
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  return { ms: Math.round(ms), peakHeapMb: Math.round(peakHeap / 1e5) / 10, result };
}

const heapBefore = Math.round(getHeapStatistics().used_heap_size / 1e5) / 10;
const backup = await measure(() => writeBackup(counter.db, { deviceId: 'bench', now: Date.now }));
const target = new CounterDb('bench-backup-target');
await target.open();
const check = await measure(() => readBackup(target, backup.result.blob, { deviceId: 'other' }));
const restore = await measure(() => restoreBackup(target, backup.result.blob, { deviceId: 'other' }));
const restoredOrders = await target.orders.count();
process.stdout.write(
  `${JSON.stringify({
    orders,
    rows: Object.values(backup.result.header.rowCounts).reduce((a, b) => a + b, 0),
    fileMb: Math.round(backup.result.blob.size / 1e5) / 10,
    heapAfterSeedMb: heapBefore,
    backup: { ms: backup.ms, peakHeapMb: backup.peakHeapMb },
    check: { ms: check.ms, peakHeapMb: check.peakHeapMb, ok: check.result.ok },
    restore: { ms: restore.ms, peakHeapMb: restore.peakHeapMb, ok: restore.result.ok, restoredOrders },
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
