// The counter's side of sync, run by the leader window's engine (one at a time): enrol with
// a code; then each round sends the outbox in order, takes back what the server refused,
// and pulls what changed. The network is a transport the caller gives (fetch in the app,
// the server's own handler in tests), so this file stays free of any platform.
import type { CounterDb } from '../db/database';
import type { OutboxRow } from '../db/rows';
import { SSCC_DEVICE_SEQUENCE, SSCC_SEQUENCE } from '../tracking/plan';
import { isServerSsccDevice } from '../tracking/sscc';
import { trackingTables } from '../tracking/storage';
import { applyPulledPage, newPullMemory } from './apply';
import { readSyncConfig, undoCommand, type SyncConfig } from './outbox';
import { PULL_PAGE_DEFAULT, type PullPage } from './tables';
import { zReportsAnswerSchema, type ServerZReportSummary } from './zReports';

export interface SyncResponse {
  status: number;
  body: unknown;
}

/** One HTTP request; rejects only when the server could not be reached. */
export type SyncTransport = (request: { method: 'GET' | 'POST'; url: string; token?: string; body?: unknown }) => Promise<SyncResponse>;

/** Commands per push (the server takes at most 500). */
export const PUSH_BATCH = 100;

/** What the Sync card shows. */
export interface SyncStatus {
  lastPushAt?: number;
  lastPullAt?: number;
  lastError?: string;
  lastErrorAt?: number;
  /** The last error was that the server could not be reached (the counter is offline). */
  offline?: boolean;
  /** The server refused the device (unknown or revoked token): rounds stop until enrolled again. */
  locked?: boolean;
}

export type SyncOutcome =
  | { state: 'not-enrolled' }
  | { state: 'paused' }
  | { state: 'synced'; pushed: number; refused: number; pulled: number }
  | { state: 'failed'; message: string; retry: boolean };

/** `reason` names a refusal the counter's screen words itself (the message stays for logs). */
export type EnrolResult = { ok: true; deviceId: string; prefix: string; name: string } | { ok: false; message: string; reason?: 'till-open' | 'no-device-number' };

/** A refusal a later push may not meet (the server's database was busy): the command waits. */
const RETRY_LATER = new Set(['storage-failed']);

class SyncFailure extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    readonly offline = false,
  ) {
    super(message);
  }
}

const messageOf = (body: unknown, fallback: string): string =>
  typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : fallback;

/** A server address as typed: scheme added when missing, no trailing slash. */
export function normaliseServerUrl(text: string): string | undefined {
  const trimmed = text.trim().replace(/\/+$/, '');
  if (!trimmed) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  // A host (name, IPv4 or [IPv6]), an optional port and path; nothing else.
  return /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?(\/[^\s?#]*)?$/i.test(withScheme) ? withScheme : undefined;
}

export function createSyncClient(db: CounterDb, transport: SyncTransport, now: () => number = Date.now) {
  async function status(): Promise<SyncStatus> {
    return ((await db.syncState.get('status'))?.value as SyncStatus | undefined) ?? {};
  }
  async function setStatus(change: Partial<SyncStatus>): Promise<void> {
    await db.transaction('rw', db.syncState, async () => {
      const next = { ...(await status()), ...change };
      await db.syncState.put({ key: 'status', value: next });
    });
  }
  async function saveConfig(config: SyncConfig): Promise<void> {
    await db.syncState.put({ key: 'config', value: config });
  }

  async function call(config: SyncConfig, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let response: SyncResponse;
    try {
      response = await transport({ method, url: `${config.url}${path}`, token: config.token, body });
    } catch (error) {
      throw new SyncFailure(`The server at ${config.url} cannot be reached (${error instanceof Error ? error.message : String(error)}); commands wait here and go when it answers.`, true, true);
    }
    if (response.status === 401) {
      await setStatus({ locked: true });
      throw new SyncFailure(messageOf(response.body, 'The server refused this counter.'), false);
    }
    if (response.status !== 200) throw new SyncFailure(messageOf(response.body, `The server answered ${response.status}.`), response.status >= 500);
    return response.body;
  }

  /** Sends the waiting commands in order; the number sent and refused. */
  async function push(config: SyncConfig): Promise<{ pushed: number; refused: number }> {
    let pushed = 0;
    let refusedCount = 0;
    for (;;) {
      const pending = (await db.outbox.where('status').equals('pending').sortBy('seq')).slice(0, PUSH_BATCH);
      if (pending.length === 0) return { pushed, refused: refusedCount };
      // The number these commands' parcels were labelled with: the server labels them alike.
      const ssccDevice = await labelDevice();
      const body = { commands: pending.map((p) => ({ commandId: p.commandId, kind: p.kind, args: p.args, operator: p.operator })), ...(ssccDevice > 0 ? { ssccDevice } : {}) };
      const answer = (await call(config, 'POST', '/push', body)) as { results: Array<{ commandId: string; result: { ok: boolean; code?: string; message?: string; params?: Record<string, string | number | boolean | null> } }> };
      let waitFor: string | undefined;
      const before = pushed;
      await db.transaction('rw', db.outbox, async () => {
        for (const entry of pending) {
          const r = answer.results.find((x) => x.commandId === entry.commandId)?.result;
          if (!r || waitFor !== undefined) break;
          if (r.ok) {
            // Its effect comes back with the server's rows on the next pull.
            await db.outbox.delete(entry.seq!);
            pushed++;
          } else if (RETRY_LATER.has(r.code ?? '')) {
            waitFor = r.message ?? 'The server could not save a command.';
          } else {
            await db.outbox.update(entry.seq!, { status: 'refused', refusal: { code: r.code ?? 'refused', message: r.message ?? '', ...(r.params ? { params: r.params } : {}) } });
            pushed++;
            refusedCount++;
          }
        }
      });
      await setStatus({ lastPushAt: now() });
      if (waitFor !== undefined) throw new SyncFailure(waitFor, true);
      if (pushed === before) throw new SyncFailure('The server did not answer for the commands sent; they are sent again later.', true);
    }
  }

  async function labelDevice(): Promise<number> {
    return (await db.sequences.get(SSCC_DEVICE_SEQUENCE))?.value ?? 0;
  }

  /**
   * A counter enrolled before SSCCs had device numbers labels with 00; the pull tells it its
   * number. It takes it only with no command waiting to be pushed (in one transaction with the
   * outbox, which every command writes to): each command before was labelled with 00 and is
   * on the server already, each after is pushed saying the new number, and the server takes
   * it before deciding them (server/devices/ssccDevice.ts). Stored as enrolment stores it.
   */
  async function takeSsccDevice(offered: unknown): Promise<void> {
    // Most rounds end here: the counter has its number (a read, no write lock on the outbox).
    if (!isServerSsccDevice(offered) || (await labelDevice()) !== 0) return;
    await db.transaction('rw', [db.outbox, db.sequences], async () => {
      if ((await labelDevice()) !== 0) return;
      if ((await db.outbox.where('status').equals('pending').count()) > 0) return; // next round
      await db.sequences.bulkPut([
        { name: SSCC_DEVICE_SEQUENCE, value: offered },
        // A block nobody has labelled in: its serials start at 1, as the server's do.
        { name: SSCC_SEQUENCE, value: 0 },
      ]);
    });
  }

  /** Takes back, newest first, the local effect of every command the server refused. */
  async function takeBackRefused(): Promise<boolean> {
    // The tracking tables too: a refused shipment or checkpoint is taken back with the rest.
    return db.transaction('rw', trackingTables(db), async () => {
      if ((await db.outbox.where('status').equals('pending').count()) > 0) return false;
      const refused = (await db.outbox.where('status').equals('refused').toArray()).filter((r) => !r.undone).sort((a, b) => b.seq! - a.seq!);
      for (const row of refused) {
        await undoCommand(db, row);
        await db.outbox.update(row.seq!, { undone: true });
      }
      return true;
    });
  }

  /** A page requested now; a request left unread (the round ended first) fails quietly. */
  function requestPage(config: SyncConfig, after: number): Promise<PullPage> {
    const page = call(config, 'GET', `/pull?after=${after}&limit=${PULL_PAGE_DEFAULT}`) as Promise<PullPage>;
    page.catch(() => undefined);
    return page;
  }

  /** The rows pulled, and the SSCC device number the server gave with them. */
  async function pull(config: SyncConfig): Promise<{ pulled: number; ssccDevice?: number }> {
    let pulled = 0;
    let ssccDevice: number | undefined;
    const memory = newPullMemory();
    let next = requestPage(config, config.cursor);
    for (;;) {
      const page = await next;
      ssccDevice ??= page.ssccDevice;
      // The next page is asked for while this one is written: the request needs only this
      // page's cursor, and the server and the network work meanwhile. What is written, and
      // the cursor saved with it, is as before; an unwritten page is dropped.
      if (page.more) next = requestPage(config, page.cursor);
      const applied = await applyPulledPage(db, page, async (cursor) => {
        const current = await readSyncConfig(db);
        if (current) await saveConfig({ ...current, cursor });
        // In the page's own transaction: one transaction a page, not two.
        await setStatus({ lastPullAt: now() });
      }, memory);
      if (!applied) return { pulled, ssccDevice }; // a command was made meanwhile: it is sent first, next round
      pulled += page.changes.length;
      if (!page.more) return { pulled, ssccDevice };
    }
  }

  return {
    status,

    async config(): Promise<Omit<SyncConfig, 'token'> | undefined> {
      const c = await readSyncConfig(db);
      if (!c) return undefined;
      const { token: _token, ...shown } = c;
      return shown;
    },

    /** Trades an enrolment code for this counter's token; orders are then numbered with the
     *  device's prefix and parcels labelled with its SSCC device number (their sequences start
     *  again: no order or label has them yet). Refused while a till is open here. */
    async enrol(serverUrl: string, code: string, name?: string): Promise<EnrolResult> {
      const url = normaliseServerUrl(serverUrl);
      if (!url) return { ok: false, message: 'Enter the server address, such as http://192.168.1.20:8787.' };
      // A till opened before enrolling holds payments of orders the server never receives
      // (only commands made after enrolment are pushed), so its close could not add up there.
      if (await db.tills.filter((t) => t.status === 'open').count()) {
        return { ok: false, reason: 'till-open', message: 'A till is open on this counter. Close it first (Till → Close the till; its Z report stays on this counter), then enrol: tills opened after enrolment are kept by the server too.' };
      }
      let response: SyncResponse;
      try {
        response = await transport({ method: 'POST', url: `${url}/enrol`, body: { code, ...(name?.trim() ? { name: name.trim() } : {}) } });
      } catch (error) {
        return { ok: false, message: `The server at ${url} cannot be reached (${error instanceof Error ? error.message : String(error)}). Check the address and the network.` };
      }
      if (response.status !== 200) {
        const message = messageOf(response.body, `The server answered ${response.status}.`);
        const full = response.status === 409 && (response.body as { error?: unknown } | null)?.error === 'no-device-number';
        return { ok: false, message, ...(full ? { reason: 'no-device-number' as const } : {}) };
      }
      const enrolled = response.body as { deviceId: string; prefix: string; token: string; name: string; ssccDevice?: unknown };
      const ssccDevice = enrolled.ssccDevice;
      if (typeof ssccDevice !== 'number') return { ok: false, message: 'The server gave no SSCC device number: update the sync server, then enrol with a new code.' };
      await db.transaction('rw', [db.syncState, db.settings, db.sequences], async () => {
        await saveConfig({ url, deviceId: enrolled.deviceId, deviceName: enrolled.name, prefix: enrolled.prefix, token: enrolled.token, cursor: 0, paused: false });
        await db.syncState.put({ key: 'status', value: {} });
        await db.settings.put({ key: 'devicePrefix', value: enrolled.prefix });
        await db.sequences.bulkPut([
          { name: 'order:product', value: 0 },
          { name: 'order:service', value: 0 },
          // The labels printed before had device number 00: the new ones cannot meet them.
          { name: SSCC_DEVICE_SEQUENCE, value: ssccDevice },
          { name: SSCC_SEQUENCE, value: 0 },
        ]);
      });
      return { ok: true, deviceId: enrolled.deviceId, prefix: enrolled.prefix, name: enrolled.name };
    },

    async setPaused(paused: boolean): Promise<void> {
      const c = await readSyncConfig(db);
      if (c) await saveConfig({ ...c, paused });
    },

    /** This counter's closed tills as the server keeps them, newest first. Never throws. */
    async zReports(): Promise<{ ok: true; reports: ServerZReportSummary[] } | { ok: false; message: string }> {
      const config = await readSyncConfig(db);
      if (!config) return { ok: false, message: 'This counter is not enrolled with a server.' };
      try {
        const answer = zReportsAnswerSchema.safeParse(await call(config, 'GET', '/z-reports'));
        return answer.success ? { ok: true, reports: answer.data.reports } : { ok: false, message: 'The server answered Z reports this counter cannot read; update the server.' };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },

    /** The clerk has seen a refusal. */
    async dismiss(commandId: string): Promise<void> {
      await db.outbox.where('commandId').equals(commandId).modify({ dismissed: true });
    },

    /** One round: push, take back refusals, pull. Never throws. */
    async syncOnce(): Promise<SyncOutcome> {
      const config = await readSyncConfig(db);
      if (!config) return { state: 'not-enrolled' };
      if (config.paused) return { state: 'paused' };
      try {
        const { pushed, refused } = await push(config);
        await takeBackRefused();
        const { pulled, ssccDevice } = await pull(config);
        await takeSsccDevice(ssccDevice);
        await setStatus({ lastError: undefined, lastErrorAt: undefined, offline: false, locked: false });
        return { state: 'synced', pushed, refused, pulled };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await setStatus({ lastError: message, lastErrorAt: now(), offline: error instanceof SyncFailure && error.offline }).catch(() => undefined);
        return { state: 'failed', message, retry: error instanceof SyncFailure ? error.retry : true };
      }
    },
  };
}

export type SyncClient = ReturnType<typeof createSyncClient>;
export type { OutboxRow };
