// The demo import as the app and the bench start it: the demo seeder given what it needs
// from an open counter. The counter itself knows nothing of demo data.
import type { EngineCounter } from '../engine/counter';
import { seedDemo, unfinishedDemoImport, type SeedDeps, type SeedResult } from './seed';

async function seedDeps(counter: EngineCounter, onProgress?: (done: number) => void): Promise<SeedDeps> {
  // Each batch is a pipeline command that checks the operator; the catalogue and its stock
  // come first, so a refusal is found here before anything is written.
  const refusal = await counter.mayRun('import-demo');
  if (refusal) throw new Error(refusal.message);
  const { env, devicePrefix } = await counter.engineEnv();
  return { db: counter.db, counter, env, deviceId: counter.deviceId, operator: counter.operator, now: counter.now, devicePrefix, onProgress };
}

export async function importDemo(
  counter: EngineCounter,
  options: { orders: number; onProgress?: (done: number) => void },
): Promise<SeedResult> {
  return seedDemo(await seedDeps(counter, options.onProgress), { orders: options.orders });
}

/** Continues the newest import that stopped before its end (a window closed mid-import),
 *  from the batch after the last one stored; null when every import finished. */
export async function resumeDemoImport(counter: EngineCounter, options: { onProgress?: (done: number) => void } = {}): Promise<SeedResult | null> {
  const stopped = await unfinishedDemoImport(counter.db);
  if (!stopped) return null;
  return seedDemo(await seedDeps(counter, options.onProgress), { orders: stopped.total, run: stopped.run });
}
