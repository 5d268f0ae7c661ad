// The money commands' storage on the counter: the engine's Dexie transaction (payments and
// tills are among its tables) with the money reads and writes. Writes are tracked like the
// engine's own: on an enrolled counter the row a command adds or replaces goes into the
// command's undo record, so a payment the server refuses is taken back here.
import type { CounterDb } from '../db/database';
import type { PaymentRow, TillRow } from '../db/rows';
import { commandTables, DexieTx } from '../engine/dexieStorage';
import type { CommandStorage } from '../engine/storage';
import { beforeMoney } from '../sync/outbox';
import type { MoneyTx } from './moneyTx';

export class MoneyDexieTx extends DexieTx implements MoneyTx {
  order(id: string) {
    return this.db.orders.get(id);
  }
  refund(id: string) {
    return this.db.refunds.get(id);
  }
  payment(id: string) {
    return this.db.payments.get(id);
  }
  paymentsOfOrder(orderId: string) {
    return this.db.payments.where('orderId').equals(orderId).toArray();
  }
  paymentsOfTill(tillId: string) {
    return this.db.payments.where('tillId').equals(tillId).toArray();
  }
  openTill(deviceId: string) {
    return this.db.tills.where('[deviceId+status]').equals([deviceId, 'open']).first();
  }
  till(id: string) {
    return this.db.tills.get(id);
  }
  async settingValue(key: string) {
    return (await this.db.settings.get(key))?.value;
  }
  addPayment(row: PaymentRow) {
    return this.tracked(async (syncing) => {
      const restore = syncing ? await beforeMoney(this.db, 'payments', row.id) : [];
      await this.db.payments.add(row);
      return { restore };
    });
  }
  putTill(row: TillRow) {
    return this.tracked(async (syncing) => {
      const restore = syncing ? await beforeMoney(this.db, 'tills', row.id) : [];
      await this.db.tills.put(row);
      return { restore };
    });
  }
}

export function moneyStorage(db: CounterDb): CommandStorage<MoneyTx> {
  return {
    transaction: (body) => db.transaction('rw', commandTables(db), async () => body(new MoneyDexieTx(db))),
    read: (body) => db.transaction('r', commandTables(db), async () => body(new MoneyDexieTx(db))),
  };
}
