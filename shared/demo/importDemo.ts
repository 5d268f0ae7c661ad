// The demo import as the app and the bench start it: the demo seeder given what it needs
// from an open counter. The counter itself knows nothing of demo data.
import type { EngineCounter } from '../engine/counter';
import { seedDemo } from './seed';

export async function importDemo(
  counter: EngineCounter,
  options: { orders: number; onProgress?: (done: number) => void },
): Promise<{ orders: number; products: number }> {
  const { env, devicePrefix } = await counter.engineEnv();
  return seedDemo(
    { db: counter.db, counter, env, deviceId: counter.deviceId, operator: counter.operator, now: counter.now, devicePrefix, onProgress: options.onProgress },
    { orders: options.orders },
  );
}
