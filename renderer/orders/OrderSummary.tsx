// The order's identity at a glance: number, type, state, buyer, address, total, age. Part of
// a scanned label's first frame: plain elements with Mantine's look (OrderHead.module.css).
import { useTranslation } from 'react-i18next';
import { RowStateBadge } from '../ui/StateBadge';
import { mantineClass, useBadgeVars } from '../ui/mantineLook';
import { formatDateTime, formatMoney, useLocale } from '../ui/time';
import { useWorkflowWords } from '../workflow/labels';
import classes from './OrderHead.module.css';
import type { OrderData } from './useOrderData';

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className={classes.fact}>
      <p className={classes.factName}>{label}</p>
      <p className={classes.factValue} data-testid={testId}>
        {children}
      </p>
    </div>
  );
}

export function OrderSummary({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  const typeLook = useBadgeVars({ variant: 'outline', size: 'lg' });
  const { order } = data;
  return (
    <div className={`${mantineClass.card} ${classes.card}`} data-with-border="true" data-orientation="vertical">
      <div className={classes.idRow}>
        <div className={classes.id}>
          <h1 className={classes.number} data-testid="order-number">
            {order.number}
          </h1>
          <div className={mantineClass.badge} data-variant="outline" data-size="lg" style={typeLook}>
            <span className={mantineClass.badgeLabel}>{words.orderType(order.type)}</span>
          </div>
        </div>
        <RowStateBadge family="order" row={order} size="xl" data-testid="order-state" />
      </div>
      <div className={classes.facts}>
        <Fact label={t('order.fields.buyer')} testId="order-buyer">
          {order.buyerName || order.buyerId}
          {order.buyerName && order.buyerName !== order.buyerId ? (
            <span className={classes.aside}>
              {' '}
              ({order.buyerId})
            </span>
          ) : null}
        </Fact>
        <Fact label={t('order.fields.address')}>{order.address || '—'}</Fact>
        <Fact label={t('order.fields.total')}>
          <span className="tabular">{formatMoney(order.total, locale)}</span>
        </Fact>
        <Fact label={t('order.fields.created')}>
          <span className="tabular">{formatDateTime(order.createdAt, locale)}</span>
        </Fact>
      </div>
    </div>
  );
}
