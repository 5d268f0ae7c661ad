// The printed labels. Each shows what it is in words a person reads, the payload a scanner
// reads (Code 128, plus QR where there is room) and the payload in small print, so a label
// whose bars are damaged can still be typed in.
import { labelPayload } from '../../shared/barcode/index';
import type { LocationRow, OrderRow, ProductRow } from '../../shared/db/rows';
import { LinearBarcode, QrCode } from './Barcode';
import classes from './Labels.module.css';

export function OrderLabel({ order, lines, created, kindLabel, stateLabel }: { order: OrderRow; lines: string; created: string; kindLabel: string; stateLabel: string }) {
  const payload = labelPayload({ kind: 'order', number: order.number });
  return (
    <article className={`${classes.card} ${classes.order}`} data-testid="label-card" data-kind="order" data-payload={payload}>
      <header className={classes.cardHead}>
        <span className={classes.kind}>{kindLabel}</span>
        <span className={classes.small}>{stateLabel}</span>
      </header>
      <div className={classes.row}>
        <div className={classes.grow}>
          <div className={classes.big}>{order.number}</div>
          <div className={classes.name}>{order.buyerName || order.buyerId}</div>
          <div className={classes.small}>
            {lines} · {created}
          </div>
        </div>
        <QrCode value={payload} size={92} />
      </div>
      <div className={classes.bars}>
        <LinearBarcode value={payload} height={48} />
      </div>
      <div className={classes.payload}>{payload}</div>
    </article>
  );
}

export function ProductLabel({ product, price }: { product: ProductRow; price: string }) {
  const code = product.barcodes.find((b) => /^\d{8,14}$/.test(b)) ?? product.sku;
  return (
    <article className={`${classes.card} ${classes.product}`} data-testid="label-card" data-kind="product" data-payload={code}>
      <div className={classes.row}>
        <div className={`${classes.grow} ${classes.name}`}>{product.name}</div>
        <div className={classes.price}>{price}</div>
      </div>
      <div className={classes.sku}>{product.sku}</div>
      <div className={classes.bars}>
        <LinearBarcode value={code} height={40} showText />
      </div>
    </article>
  );
}

export function LocationLabel({ location, kindLabel }: { location: LocationRow; kindLabel: string }) {
  const payload = labelPayload({ kind: 'location', id: location.id });
  return (
    <article className={`${classes.card} ${classes.location}`} data-testid="label-card" data-kind="location" data-payload={payload}>
      <header className={classes.cardHead}>
        <span className={classes.kind}>{kindLabel}</span>
      </header>
      <div className={classes.row}>
        <div className={classes.grow}>
          <div className={classes.big}>{location.name}</div>
          <div className={classes.sku}>{location.id}</div>
        </div>
        <QrCode value={payload} size={84} />
      </div>
      <div className={classes.bars}>
        <LinearBarcode value={payload} height={44} />
      </div>
      <div className={classes.payload}>{payload}</div>
    </article>
  );
}

export function ActionCard({
  action,
  title,
  subtitle,
  roleBadge,
  color,
  kindLabel,
}: {
  action: string;
  title: string;
  subtitle: string;
  roleBadge: string;
  color: string;
  kindLabel: string;
}) {
  const payload = labelPayload({ kind: 'action', action });
  return (
    <article className={`${classes.card} ${classes.action}`} style={{ borderTopColor: color }} data-testid="label-card" data-kind="action" data-payload={payload}>
      <header className={classes.cardHead}>
        <span className={classes.kind}>{kindLabel}</span>
        <span className={classes.role} style={{ background: color }}>
          {roleBadge}
        </span>
      </header>
      <div className={classes.row}>
        <div className={classes.grow}>
          <div className={classes.title}>{title}</div>
          <div className={classes.small}>{subtitle}</div>
        </div>
        <QrCode value={payload} size={92} />
      </div>
      <div className={classes.bars}>
        <LinearBarcode value={payload} height={44} />
      </div>
      <div className={classes.payload}>{payload}</div>
    </article>
  );
}

export function RoleCard({ role, title, subtitle, color, kindLabel }: { role: string; title: string; subtitle: string; color: string; kindLabel: string }) {
  const payload = labelPayload({ kind: 'role', role });
  return (
    <article className={`${classes.card} ${classes.action}`} style={{ borderTopColor: color }} data-testid="label-card" data-kind="role" data-payload={payload}>
      <header className={classes.cardHead}>
        <span className={classes.kind}>{kindLabel}</span>
        <span className={classes.role} style={{ background: color }}>
          {role}
        </span>
      </header>
      <div className={classes.row}>
        <div className={classes.grow}>
          <div className={classes.title}>{title}</div>
          <div className={classes.small}>{subtitle}</div>
        </div>
        <QrCode value={payload} size={92} />
      </div>
      <div className={classes.bars}>
        <LinearBarcode value={payload} height={44} />
      </div>
      <div className={classes.payload}>{payload}</div>
    </article>
  );
}

/** An order line's or a refund sheet's label: scanned, it aims the next action cards at that part. */
export function PartLabel({
  kind,
  id,
  heading,
  name,
  detail,
  kindLabel,
  stateLabel,
}: {
  kind: 'item' | 'refund';
  id: string;
  heading: string;
  name: string;
  detail: string;
  kindLabel: string;
  stateLabel: string;
}) {
  const payload = labelPayload({ kind, id });
  return (
    <article className={`${classes.card} ${classes.order}`} data-testid="label-card" data-kind={kind} data-payload={payload}>
      <header className={classes.cardHead}>
        <span className={classes.kind}>{kindLabel}</span>
        <span className={classes.small}>{stateLabel}</span>
      </header>
      <div className={classes.row}>
        <div className={classes.grow}>
          <div className={classes.big}>{heading}</div>
          <div className={classes.name}>{name}</div>
          <div className={classes.small}>{detail}</div>
        </div>
        <QrCode value={payload} size={92} />
      </div>
      <div className={classes.bars}>
        <LinearBarcode value={payload} height={48} />
      </div>
      <div className={classes.payload}>{payload}</div>
    </article>
  );
}
