// One order: summary and lines, the action panel for the current role, pending timers,
// and the records (timeline, refund sheets, vouchers, stock reservations).
import { Anchor, Breadcrumbs, Button, Grid, Group, Stack } from '@mantine/core';
import { IconPrinter, IconSitemap } from '@tabler/icons-react';
import { IconArrowLeft, IconFileUnknown } from '@tabler/icons-react';
import { memo, useDeferredValue } from 'react';
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

export default function OrderDetailPage() {
  const { id = '' } = useParams();
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
  const { t } = useTranslation();
  // A scanned label opens the order in one synchronous render (the router's flushSync): the
  // first frame shows what the clerk acts on (number, state, buyer, the action buttons), and
  // the rest (lines, records, shipments, payments, timers) follows in a deferred render
  // after it. Rendering everything first kept that frame back by ~30-50 ms a label. While the
  // rest catches up to a new order it is hidden, not removed: it never shows another order's
  // rows, and removing its DOM in that first frame cost as much as rendering it.
  // `data-order-rest` names the order the rest shows (empty while hidden): bench 6 times it.
  const rest = useDeferredValue<OrderData | null>(data, null);
  const behind = rest?.order.id !== data.order.id;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Breadcrumbs>
          <Anchor component={PathLink} to="/boards">
            {t('nav.boards')}
          </Anchor>
          <span>{data.order.number}</span>
        </Breadcrumbs>
        <Group gap="xs">
          <Button component={PathLink} to={`/labels?order=${data.order.id}&parts=1`} variant="default" leftSection={<IconPrinter size={18} />} data-testid="order-print-label">
            {t('order.printLabel')}
          </Button>
          <Button component={PathLink} to={`/workflows?order=${data.order.id}`} variant="default" leftSection={<IconSitemap size={18} />} data-testid="order-show-workflow">
            {t('order.showWorkflow')}
          </Button>
        </Group>
      </Group>
      <Grid gap="md" align="start">
        <Grid.Col span={{ base: 12, md: 7, xl: 8 }}>
          <Stack gap="md">
            <OrderSummary data={data} />
            {rest ? (
              <Stack gap="md" display={behind ? 'none' : undefined} data-order-rest={behind ? '' : rest.order.id}>
                <OrderMain data={rest} />
              </Stack>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
          <Stack gap="md">
            <ActionPanel data={data} />
            {rest ? (
              <Stack gap="md" display={behind ? 'none' : undefined} data-order-rest={behind ? '' : rest.order.id}>
                <OrderSide data={rest} />
              </Stack>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
});

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
