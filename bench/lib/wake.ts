// This machine's wake-up after a pause, outside the browser: a round trip to a Node worker
// thread after 1 s of idleness, against one right after it. Where idle CPUs sleep deeply
// (a shared VM), the first costs tens of milliseconds with no app and no IndexedDB
// involved: the floor under the scan figures that cross threads after the operator's pause.
import { Worker } from 'node:worker_threads';

const ECHO = 'const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(m));';

export async function threadWake(rounds: number, idleMs = 1000): Promise<{ idle: number[]; hot: number[] }> {
  const worker = new Worker(ECHO, { eval: true });
  const ping = () =>
    new Promise<number>((resolve) => {
      const t0 = performance.now();
      worker.once('message', () => resolve(performance.now() - t0));
      worker.postMessage(0);
    });
  try {
    await ping();
    const idle: number[] = [];
    const hot: number[] = [];
    for (let i = 0; i < rounds; i++) {
      await new Promise((r) => setTimeout(r, idleMs));
      idle.push(await ping());
      hot.push(await ping());
    }
    return { idle, hot };
  } finally {
    await worker.terminate();
  }
}
