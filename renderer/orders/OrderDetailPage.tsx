// One order: summary and lines, the action panel for the current role, pending timers,
// and the records (timeline, refund sheets, vouchers, stock reservations).
import { Button } from '@mantine/core';
import { IconPrinter, IconSitemap } from '@tabler/icons-react';
import { IconArrowLeft, IconFileUnknown } from '@tabler/icons-react';
import { memo, useDeferredValue, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PathLink } from '../ui/PathLink';
import { EmptyView, LoadingState } from '../ui/states';
import { PaymentPanel } from '../money/PaymentPanel';
import { ActionPanel } from './actions/ActionPanel';
import { LinesTable } from './LinesTable';
import { OrderRecords } from './OrderRecords';
import { OrderShipments } from '../parcels/OrderShipments';
import { OrderSummary } from './OrderSummary';
import { PendingTimers } from './PendingTimers';
import { useOrderData, type OrderData } from './useOrderData';
import { mantineClass, useButtonVars } from '../ui/mantineLook';
import classes from './OrderHead.module.css';
import { useShownOrderId } from './openInPlace';

export default function OrderDetailPage() {
  // A label scanned here shows its order before the router moves to its address.
  const id = useShownOrderId(useParams().id ?? '');
  const { t } = useTranslation();
  // Not keyed by the order: from one order to the next (a scanned label) React updates the
  // page in place, ~5-9 ms sooner than building it anew. useOrderData never returns another
  // order's rows, and the records' tabs go back to the timeline when the order changes.
  const data = useOrderData(id);

  if (data === undefined) return <LoadingState />;
  if (data === null) {
    return (
      <EmptyView
        icon={<IconFileUnknown />}
        title={t('order.notFound')}
        description={t('order.notFoundHint')}
        action={
          <Button component={Link} to="/boards" leftSection={<IconArrowLeft />}>
            {t('common.backToBoards')}
          </Button>
        }
      />
    );
  }

  return <OrderView data={data} />;
}

/** The page for the order's rows; a live answer with the same rows does not render it again. */
const OrderView = memo(function OrderView({ data }: { data: OrderData }) {
  // A scanned label opens the order in one synchronous render (the router's flushSync): the
  // first frame shows what the clerk acts on (number, state, buyer, the action buttons), and
  // the rest (lines, records, shipments, payments, timers) follows in a deferred render
  // after it. Rendering everything first kept that frame back by ~30-50 ms a label. While the
  // rest catches up to a new order it is hidden, not removed: it never shows another order's
  // rows, and removing its DOM in that first frame cost as much as rendering it. That frame
  // is plain elements with Mantine's classes (OrderHead.module.css, ui/mantineLook.ts): the
  // Mantine components took most of its render.
  // `data-order-rest` names the order the rest shows (empty while hidden): bench 6 times it.
  const rest = useDeferredValue<OrderData | null>(data, null);
  const behind = rest?.order.id !== data.order.id;
  return (
    <div className={classes.stack}>
      <OrderLinks id={data.order.id} number={data.order.number} />
      <div className={classes.grid}>
        <div className={classes.main}>
          <div className={classes.stack}>
            <OrderSummary data={data} />
            {rest ? (
              <div className={classes.stack} hidden={behind} data-order-rest={behind ? '' : rest.order.id}>
                <OrderMain data={rest} />
              </div>
            ) : null}
          </div>
        </div>
        <div className={classes.side}>
          <div className={classes.stack}>
            <ActionPanel data={data} />
            {rest ? (
              <div className={classes.stack} hidden={behind} data-order-rest={behind ? '' : rest.order.id}>
                <OrderSide data={rest} />
              </div>
            ) : null}
          </div>
        </div>
      </div>
    </div>
  );
});

// The same elements for every order: React keeps the icons' SVG without rendering them again.
const PRINTER = <IconPrinter size={18} />;
const SITEMAP = <IconSitemap size={18} />;

/** Breadcrumbs and the label / workflow links, as plain elements with Mantine's look. */
const OrderLinks = memo(function OrderLinks({ id, number }: { id: string; number: string }) {
  const { t } = useTranslation();
  const look = useButtonVars({ variant: 'default' });
  return (
    <div className={classes.row}>
      <div className={mantineClass.crumbs}>
        <PathLink to="/boards" className={mantineClass.crumbLink} data-underline="hover">
          {t('nav.boards')}
        </PathLink>
        <div className={mantineClass.crumbSeparator}>/</div>
        <span className={mantineClass.crumb}>{number}</span>
      </div>
      <div className={classes.links}>
        <LinkButton to={`/labels?order=${id}&parts=1`} look={look} icon={PRINTER} testId="order-print-label">
          {t('order.printLabel')}
        </LinkButton>
        <LinkButton to={`/workflows?order=${id}`} look={look} icon={SITEMAP} testId="order-show-workflow">
          {t('order.showWorkflow')}
        </LinkButton>
      </div>
    </div>
  );
});

function LinkButton({ to, look, icon, testId, children }: { to: string; look: CSSProperties; icon: ReactNode; testId: string; children: ReactNode }) {
  return (
    <PathLink to={to} className={mantineClass.button} data-variant="default" data-size="md" data-with-left-section="true" data-testid={testId} style={look}>
      <span className={mantineClass.buttonInner}>
        <span className={mantineClass.buttonSection} data-position="left">
          {icon}
        </span>
        <span className={mantineClass.buttonLabel}>{children}</span>
      </span>
    </PathLink>
  );
}

/** Lines, records and shipments: rendered after the order's first frame. */
const OrderMain = memo(function OrderMain({ data }: { data: OrderData }) {
  return (
    <>
      <LinesTable data={data} />
      <OrderRecords data={data} />
      <OrderShipments orderId={data.order.id} />
    </>
  );
});

/** Payments and pending timers: rendered after the order's first frame. */
const OrderSide = memo(function OrderSide({ data }: { data: OrderData }) {
  return (
    <>
      <PaymentPanel data={data} />
      <PendingTimers data={data} />
    </>
  );
});
