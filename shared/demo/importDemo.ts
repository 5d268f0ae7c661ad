// The demo import as the app and the bench start it: the demo seeder given what it needs
// from an open counter. The counter itself knows nothing of demo data.
import type { EngineCounter } from '../engine/counter';
import { seedDemo } from './seed';

export async function importDemo(
  counter: EngineCounter,
  options: { orders: number; onProgress?: (done: number) => void },
): Promise<{ orders: number; products: number }> {
  // The seeder writes orders itself, not through the pipeline: the permission is checked here.
  const refusal = await counter.mayRun('import-demo');
  if (refusal) throw new Error(refusal.message);
  const { env, devicePrefix } = await counter.engineEnv();
  return seedDemo(
    { db: counter.db, counter, env, deviceId: counter.deviceId, operator: counter.operator, now: counter.now, devicePrefix, onProgress: options.onProgress },
    { orders: options.orders },
  );
}
