// Benchmark 4, Node side: seedDemo on fake-indexeddb (how tests, the console and the sync
// server's tooling import), run in a child process of its own so its peak memory is its own.
//   tsx bench/node-seed.ts <orders>   -> prints one JSON line
import 'fake-indexeddb/auto';
import { importDemo } from '../shared/demo/importDemo';
import { getHeapStatistics } from 'node:v8';
import { openCounter } from '../shared/index';
import { writeAgain } from './lib/importFloor';

const orders = Number(process.argv[2] ?? 1000);
const counter = await openCounter({ dbName: 'bench-node-seed', deviceId: 'bench', operator: 'bench' });
let peakHeap = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
};
const timer = setInterval(sample, 20);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await importDemo(counter, { orders });
const ms = performance.now() - t0;
clearInterval(timer);
sample();
const count = await counter.db.orders.count();
await counter.close();
const cpu = process.cpuUsage(cpu0);
const maxRss = process.resourceUsage().maxRSS * 1024;
// The floor: the same rows written again by fake-indexeddb alone (bench/lib/importFloor.ts).
const floor = await writeAgain('bench-node-seed', 'bench-node-floor', orders);
process.stdout.write(`${JSON.stringify({ ms, orders: result.orders, count, peakHeap, maxRss, cpuMs: (cpu.user + cpu.system) / 1000, floor })}\n`);
