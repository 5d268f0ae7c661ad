// npm run console — a Node REPL with a counter on an in-memory database, for trying
// workflows by hand. `counter`, `order(id)`, `item(id)`, `refund(id)` and `clock` are in scope.
import 'fake-indexeddb/auto';
import repl from 'node:repl';
import { openCounter } from '../shared';

const clock = {
  now: Date.now(),
  /** Moves the counter's clock forward, e.g. clock.advance('25h') or clock.advance(3600000). */
  advance(by: number | string) {
    const ms = typeof by === 'number' ? by : parseDuration(by);
    this.now += ms;
    return new Date(this.now).toISOString();
  },
};

function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error('use a number of ms or e.g. "90s", "15m", "25h", "3d"');
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

const counter = await openCounter({ dbName: 'console', now: () => clock.now, deviceId: 'console', operator: 'you' });
await counter.addLocation({ id: 'main', name: 'Main store', priority: 1 });
for (const [sku, name, price] of [['SKU-1', 'Tea, 250 g', 650], ['SKU-2', 'Mug', 900], ['YOGA-10', 'Yoga, 10 classes', 12000]] as const) {
  await counter.addProduct({ sku, name, price });
  await counter.receive({ sku, locationId: 'main', qty: 50 });
}

console.log(`Counterflow console. In scope: counter, clock, order(id), item(id), refund(id).
Try:
  id = (await counter.createOrder('product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 2, price: 1300 }] })).orderId
  await counter.roleActions(order(id))
  await counter.act(order(id), 'P', 'payment successful')
  await counter.act(order(id), 'S', 'ship the order')
  clock.advance('15d'); await counter.runDueTimers()
  await counter.getOrder(id)
`);
const server = repl.start({ prompt: 'counterflow> ' });
Object.assign(server.context, {
  counter,
  clock,
  order: (id: string) => ({ kind: 'order', id }),
  item: (id: string) => ({ kind: 'item', id }),
  refund: (id: string) => ({ kind: 'refund', id }),
});
server.on('exit', () => void counter.close());
