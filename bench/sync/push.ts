// The push half of the sync benchmark: N counters, each enrolled as a device, send their
// commands in order in batches of B over HTTP, all at once. The commands are what a
// counter's outbox holds (shared/sync/pushForm.ts builds them from the command payloads),
// with UUIDv7 command ids; an order's later actions name it by the id the server derives
// from its creation's command id, as a counter that made the order itself would.
import { commandIdSource, newId } from '../../shared/ids';
import { pushFormOf } from '../../shared/sync/pushForm';
import { mulberry32 } from '../../shared/random';
import { call, enrolDevice } from './server';

export interface PushCommand {
  commandId: string;
  kind: string;
  args: unknown[];
  operator: string;
}

export const SKUS = 50;
const sku = (i: number) => `BENCH-${String(i).padStart(3, '0')}`;

/** A location, the products and plenty of stock: sent before the clock starts. */
export function catalogCommands(): PushCommand[] {
  const out: PushCommand[] = [];
  const add = (kind: string, payload: unknown) => {
    const form = pushFormOf(kind, payload);
    if (!form) throw new Error(`${kind} is not pushed`);
    out.push({ commandId: newId(), kind: form.kind, args: form.args, operator: 'bench' });
  };
  add('stock:add-location', { id: 'main', name: 'Main', priority: 1 });
  for (let i = 0; i < SKUS; i++) add('stock:add-product', { sku: sku(i), name: `Bench product ${i}`, price: 100 + i * 10 });
  for (let i = 0; i < SKUS; i++) add('stock:receive', { sku: sku(i), locationId: 'main', qty: 1_000_000 });
  return out;
}

/** A ship step's input: an SF waybill number of its own (a number is on one order only). */
const shipInput = (counter: number, n: number) => ({ carrier: 'sf', trackingNumbers: [`SF${String(counter).padStart(4, '0')}${String(n).padStart(8, '0')}`], parcels: 1 });
/** An order's life as a counter takes it: made, paid, shipped, received (each order goes 1-4 steps). */
const steps = (counter: number, n: number): Array<[role: string, action: string, input: unknown]> => [
  ['P', 'payment successful', null],
  ['S', 'ship the order', shipInput(counter, n)],
  ['B', 'confirm reception of order', null],
];

/** One counter's `count` commands: orders made and taken 0-3 steps on, in the order a clerk would. */
export function counterCommands(counter: number, count: number): PushCommand[] {
  const random = mulberry32(1000 + counter);
  const out: PushCommand[] = [];
  const operator = `clerk-${counter}`;
  for (let n = 0; out.length < count; n++) {
    const commandId = newId();
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const i = Math.floor(random() * SKUS);
      return { sku: sku(i), qty: 1 + Math.floor(random() * 2), price: 100 + i * 10 };
    });
    const create = pushFormOf('create-order', { type: 'product', input: { buyerId: `buyer-${counter}-${n}`, buyerName: `Buyer ${counter}-${n}`, lines } });
    out.push({ commandId, kind: create!.kind, args: create!.args, operator });
    // The order's id is the first id its creation derives from the command id (shared/ids.ts).
    const orderId = commandIdSource(commandId)();
    const taken = n % 4; // 0..3 steps after creation: orders end in every state
    for (const [role, action, input] of steps(counter, n).slice(0, taken)) {
      if (out.length >= count) break;
      const form = pushFormOf('act', { ref: { kind: 'order', id: orderId }, role, action, input });
      out.push({ commandId: newId(), kind: form!.kind, args: form!.args, operator });
    }
  }
  return out;
}

interface PushAnswer {
  results: Array<{ commandId: string; result: { ok: boolean; code?: string; message?: string } }>;
}

export interface PushRun {
  ms: number;
  commands: number;
  applied: number;
  refused: Record<string, number>;
  /** The first refusal's message of each code, to say what went wrong. */
  why?: Record<string, string>;
  /** Each push's round trip (request sent → answer read), ms. */
  roundTrips: number[];
  pushes: number;
}

/** Sends one device's commands in batches; throws on any answer but 200. */
async function pushAll(url: string, token: string, commands: PushCommand[], batch: number, run: PushRun): Promise<void> {
  for (let i = 0; i < commands.length; i += batch) {
    const body = { commands: commands.slice(i, i + batch) };
    const t0 = performance.now();
    const answer = await call<PushAnswer>(`${url}/push`, { method: 'POST', token, body });
    run.roundTrips.push(performance.now() - t0);
    run.pushes++;
    if (answer.status !== 200) throw new Error(`push answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    for (const { result } of answer.body.results) {
      if (result.ok) run.applied++;
      else {
        const code = result.code ?? 'refused';
        run.refused[code] = (run.refused[code] ?? 0) + 1;
        run.why = { [code]: result.message ?? '', ...run.why };
      }
    }
  }
}

/** The catalog from one device, then `counters` devices pushing `total` commands together. */
export async function runPush(url: string, o: { counters: number; total: number; batch: number }): Promise<PushRun> {
  const devices = [];
  for (let c = 0; c < o.counters; c++) devices.push(await enrolDevice(url, `Bench counter ${c + 1}`));
  const setup: PushRun = { ms: 0, commands: 0, applied: 0, refused: {}, roundTrips: [], pushes: 0 };
  await pushAll(url, devices[0]!.token, catalogCommands(), 500, setup);
  if (Object.keys(setup.refused).length) throw new Error(`the catalog was refused: ${JSON.stringify(setup.refused)}`);
  const per = devices.map((_, c) => Math.floor(o.total / o.counters) + (c < o.total % o.counters ? 1 : 0));
  const streams = devices.map((_, c) => counterCommands(c, per[c]!));
  const run: PushRun = { ms: 0, commands: o.total, applied: 0, refused: {}, roundTrips: [], pushes: 0 };
  const t0 = performance.now();
  await Promise.all(devices.map((d, c) => pushAll(url, d.token, streams[c]!, o.batch, run)));
  run.ms = performance.now() - t0;
  // Every bench command is valid (own orders, plenty of stock): a refusal means the bench no
  // longer matches the rules (a changed definition, a carrier's pattern), and its figure
  // would measure refusals instead of work.
  if (Object.keys(run.refused).length) throw new Error(`the server refused bench commands: ${JSON.stringify(run.refused)}; first of each: ${JSON.stringify(run.why)}`);
  return run;
}
