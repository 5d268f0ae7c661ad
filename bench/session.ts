// What the browser benchmarks share in one run: the builds, one static server (one origin
// for the app and the bench page), one Chromium with its own profile, and the seeded
// database that lookups, the board, the scanner and the memory benchmark all open.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildApp, buildBenchPage, CACHE } from './lib/build';
import { launchChromium, type Chromium } from './lib/chromium';
import { serveStatic, type StaticServer } from './lib/server';

export interface Options {
  quick: boolean;
  json: string | null;
  /** Save CPU profiles (.cpuprofile) of the browser benchmarks under this folder. */
  profile: string | null;
  /** Benchmarks to run (1..7); all when empty. */
  only: Set<number>;
  rebuild: boolean;
}

export interface Sizes {
  orders: number;
  ledgerRows: number;
  nodeOrders: number;
}

export function sizesFor(quick: boolean): Sizes {
  return quick ? { orders: 2_000, ledgerRows: 20_000, nodeOrders: 1_000 } : { orders: 100_000, ledgerRows: 1_000_000, nodeOrders: 100_000 };
}

export interface Session {
  options: Options;
  sizes: Sizes;
  chromium: Chromium;
  server: StaticServer;
  origin: string;
  /** The database seeded with `sizes.orders` orders (same origin as the app). */
  ordersDb: string;
  seeded: boolean;
  /** How long seeding it took (the Chromium import figure), once seeded. */
  importMs: number | null;
  builds: { app: { built: boolean; ms: number }; page: { built: boolean; ms: number } };
  profilePath(name: string): string;
  close(): Promise<void>;
}

export async function openSession(options: Options): Promise<Session> {
  const [page, app] = [await buildBenchPage(options.rebuild), await buildApp(options.rebuild)];
  const server = await serveStatic({ '/bench/': page.dir, '/': app.dir });
  const chromium = await launchChromium();
  if (options.profile) mkdirSync(options.profile, { recursive: true });
  return {
    options,
    sizes: sizesFor(options.quick),
    chromium,
    server,
    origin: server.origin,
    ordersDb: 'bench-orders',
    seeded: false,
    importMs: null,
    builds: { app: { built: app.built, ms: app.ms }, page: { built: page.built, ms: page.ms } },
    profilePath: (name) => path.join(options.profile ?? CACHE, `${name}.cpuprofile`),
    async close() {
      await chromium.close();
      await server.close();
    },
  };
}
