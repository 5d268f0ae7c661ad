// Whether a counter opens on the first-start set-up: only a counter nobody has set up yet
// (no first-start record, and nothing a person made: no order, product, operator, shop
// name or single-operator name). A counter that already holds work never sees it, even
// one that was in use before the set-up existed.
export interface FirstStartFacts {
  /** The `firstStart` setting is stored (done or skipped). */
  done: boolean;
  anyOrder: boolean;
  anyProduct: boolean;
  anyOperator: boolean;
  shopName: boolean;
  singleOperatorName: boolean;
}

export function needsFirstStart(f: FirstStartFacts): boolean {
  return !f.done && !f.anyOrder && !f.anyProduct && !f.anyOperator && !f.shopName && !f.singleOperatorName;
}
