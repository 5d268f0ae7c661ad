// Whether this window opens on the first-start set-up (FirstStart.tsx, loaded only then:
// a counter already set up pays one settings read for it at start).
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { needsFirstStart } from '../../shared/settings/firstStart';
import { config } from '../config';
import { db } from '../db';

const FirstStartScreen = lazy(() => import('./FirstStart'));

/** Read cheaply: the stored record answers at once on every counter set up before. */
async function firstStartNeeded(): Promise<boolean> {
  if (await db.settings.get('firstStart')) return false;
  const [order, product, operator, shop, single] = await Promise.all([
    db.orders.toCollection().first(),
    db.products.toCollection().first(),
    db.operators.toCollection().first(),
    db.settings.get('shopName'),
    db.settings.get('singleOperatorName'),
  ]);
  return needsFirstStart({ done: false, anyOrder: !!order, anyProduct: !!product, anyOperator: !!operator, shopName: !!shop, singleOperatorName: !!single });
}

export function FirstStartGate() {
  const allowed = config.firstStartAllowed && !config.demoCounter;
  const needed = useLiveQuery(() => (allowed ? firstStartNeeded() : false), [allowed]);
  return needed ? (
    <Suspense fallback={null}>
      <FirstStartScreen />
    </Suspense>
  ) : null;
}

