// After a big import Chromium's storage backend (LevelDB, in the browser process) keeps
// compacting for a minute or more: 85 % of a core right after 100 000 orders here, a command
// ~60 ms instead of ~35-45 ms. Benchmarks 3, 5-7 measure the app on a database at rest, as
// a counter meets it, so they wait for that process to go quiet; how long it took is printed
// with the import. Linux only (/proc); elsewhere nothing is waited for.
import { readdirSync, readFileSync } from 'node:fs';

/** Below this share of a core the browser process counts as at rest (it idles at ~5-10 % here). */
const QUIET_SHARE = 0.15;

const TICKS_PER_S = 100; // USER_HZ on Linux
const SAMPLE_MS = 1000;

/** The browser process (the one without --type=) of the Chromium using `profileDir`. */
function browserPid(profileDir: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(profileDir) && !cmd.includes('--type=')) return Number(entry);
    } catch {
      /* gone meanwhile */
    }
  }
  return null;
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

export interface Settled {
  waitedMs: number;
  /** Whether it went quiet before the limit. */
  settled: boolean;
  /** Share of one core the browser process used in the first second. */
  firstShare: number;
  /** At rest = under `quietShare` of a core for `quietMs` in a row. */
  quietShare: number;
  quietMs: number;
}

/**
 * Waits until the browser process of the Chromium using `profileDir` is at rest: under 15 %
 * of a core for 5 s, at most 4 min (the quick run's small imports leave little to compact:
 * 1 s, at most 3 s). Null where /proc cannot tell (not Linux).
 */
export function storageAtRest(profileDir: string, quick: boolean): Promise<Settled | null> {
  return quick ? waitForStorageAtRest(profileDir, 3_000, QUIET_SHARE, 1_000) : waitForStorageAtRest(profileDir, 240_000, QUIET_SHARE, 5_000);
}

/** Waits until the browser process used under `quietShare` of a core for `quietMs` in a row. */
async function waitForStorageAtRest(profileDir: string, limitMs: number, quietShare: number, quietMs: number): Promise<Settled | null> {
  if (process.platform !== 'linux') return null;
  const pid = browserPid(profileDir);
  if (pid === null) return null;
  const started = Date.now();
  let last = cpuTicks(pid);
  let quietSince: number | null = null;
  let firstShare = -1;
  while (Date.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    const now = cpuTicks(pid);
    const share = (now - last) / TICKS_PER_S / (SAMPLE_MS / 1000);
    last = now;
    if (firstShare < 0) firstShare = share;
    if (share < quietShare) quietSince ??= Date.now() - SAMPLE_MS;
    else quietSince = null;
    if (quietSince !== null && Date.now() - quietSince >= quietMs) return { waitedMs: Date.now() - started, settled: true, firstShare, quietShare, quietMs };
  }
  return { waitedMs: Date.now() - started, settled: false, firstShare, quietShare, quietMs };
}
