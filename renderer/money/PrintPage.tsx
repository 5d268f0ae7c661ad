// A receipt or a packing slip of one order, at 58 mm, 80 mm or A4, printed with the host's
// print (window.print in a browser, where the print stylesheet leaves only the sheet).
// `?auto=1` prints once the sheet is drawn (after a payment settles the order).
import { Button, Group, SegmentedControl, Stack } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { labelPayload } from '../../shared/barcode/index';
import { orderMoney } from '../../shared/payments/ledger';
import { LinearBarcode } from '../labels/Barcode';
import { useOrderData, type OrderData } from '../orders/useOrderData';
import { PdfButton } from '../ui/PdfButton';
import { platform } from '../platform';
import { LoadingState } from '../ui/states';
import { formatDateTime, useLocale } from '../ui/time';
import { usePayments } from './PaymentPanel';
import classes from './Print.module.css';
import { useMethodName, useMoneyFormat, useMoneySettings } from './useMoney';
import { usePaperWidth, PAPER_WIDTHS, type PaperWidth } from './paper';

const SHEET_CLASS: Record<PaperWidth, string> = { '58': classes.w58!, '80': classes.w80!, a4: classes.a4! };

/** The @page rule of the chosen paper (a thermal roll is as long as the receipt). */
export function PageStyle({ width }: { width: PaperWidth }) {
  const rule = width === 'a4' ? '@page { size: A4; margin: 10mm; }' : `@page { size: ${width}mm auto; margin: 0; }`;
  return <style>{rule}</style>;
}

export function PaperControls({ width, onWidth, onPrint, pdfName }: { width: PaperWidth; onWidth: (w: PaperWidth) => void; onPrint: () => void; pdfName: string }) {
  const { t } = useTranslation();
  return (
    <Group className={classes.controls} gap="sm">
      <SegmentedControl value={width} onChange={(v) => onWidth(v as PaperWidth)} data={PAPER_WIDTHS.map((w) => ({ value: w, label: t(`money.print.width.${w}`) }))} aria-label={t('money.print.paper')} data-testid="paper-width" />
      <PdfButton fileName={pdfName} testId="print-pdf" />
      <Button leftSection={<IconPrinter size={18} />} onClick={onPrint} data-testid="print-now">
        {t('money.print.print')}
      </Button>
    </Group>
  );
}

export default function PrintPage() {
  const { kind = 'receipt', orderId = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const data = useOrderData(orderId);
  const payments = usePayments(orderId);
  const [width, setWidth] = usePaperWidth();
  const printed = useRef(false);
  const auto = search.get('auto') === '1';
  useEffect(() => {
    if (!auto || printed.current || !data) return;
    printed.current = true;
    // After the sheet (and its barcodes) painted.
    requestAnimationFrame(() => void platform.print());
  }, [auto, data]);
  if (data === undefined) return <LoadingState />;
  if (data === null) return <div>{t('order.notFound')}</div>;
  return (
    <Stack gap="md">
      <PageStyle width={width} />
      <Group className={classes.controls} justify="space-between">
        <Button component={Link} to={`/orders/${orderId}`} variant="default" leftSection={<IconArrowLeft size={18} />}>
          {t('money.print.back', { number: data.order.number })}
        </Button>
        <PaperControls width={width} onWidth={setWidth} onPrint={() => void platform.print()} pdfName={`${kind}-${data.order.number}.pdf`} />
      </Group>
      <div className={`${classes.sheet} ${SHEET_CLASS[width]}`} data-testid="print-sheet" data-kind={kind}>
        {kind === 'slip' ? <PackingSlip data={data} /> : <Receipt data={data} payments={payments} />}
      </div>
    </Stack>
  );
}

function Head({ data, title, at }: { data: OrderData; title: string; at: number }) {
  const { shopName, deviceName } = useMoneySettings();
  const { locale } = useLocale();
  return (
    <>
      {shopName ? <div className={classes.shop}>{shopName}</div> : null}
      {deviceName ? <div className={classes.center}>{deviceName}</div> : null}
      <div className={`${classes.center} ${classes.strong}`}>{title}</div>
      <div className={classes.code}>
        <LinearBarcode value={labelPayload({ kind: 'order', number: data.order.number })} height={40} barWidth={1} />
        <div>{data.order.number}</div>
      </div>
      <div className={classes.center}>{formatDateTime(at, locale)}</div>
      <hr className={classes.rule} />
    </>
  );
}

function Receipt({ data, payments }: { data: OrderData; payments: ReturnType<typeof usePayments> }) {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const methodName = useMethodName();
  const money = orderMoney(data.order.total, payments);
  const standing = payments.filter((p) => p.kind !== 'reversal');
  return (
    <>
      <Head data={data} title={t('money.receipt.title')} at={payments.at(-1)?.at ?? data.order.createdAt} />
      {data.items.map((item) => (
        <div key={item.id}>
          <div>{data.products.get(item.sku)?.name ?? item.sku}</div>
          <div className={classes.row}>
            <span>
              {item.qty} × {fmt(item.unitPrice)}
            </span>
            <span>{fmt(item.price)}</span>
          </div>
        </div>
      ))}
      <hr className={classes.rule} />
      <div className={`${classes.row} ${classes.strong}`}>
        <span>{t('money.pay.total')}</span>
        <span data-testid="receipt-total">{fmt(data.order.total)}</span>
      </div>
      {standing.map((p) => (
        <div key={p.id}>
          <div className={classes.row}>
            <span>
              {t(`money.kind.${p.kind}`)} · {methodName(p.method)}
            </span>
            <span>{fmt(p.amount)}</span>
          </div>
          {p.tendered !== null ? (
            <div className={classes.row}>
              <span>{t('money.pay.tendered')}</span>
              <span>{fmt(p.tendered)}</span>
            </div>
          ) : null}
          {p.change !== null ? (
            <div className={classes.row}>
              <span>{t('money.receipt.change')}</span>
              <span data-testid="receipt-change">{fmt(p.change)}</span>
            </div>
          ) : null}
          {p.reference ? <div>{p.reference}</div> : null}
        </div>
      ))}
      <div className={classes.row}>
        <span>{t('money.pay.balance')}</span>
        <span>{fmt(money.balance)}</span>
      </div>
      {data.vouchers.length ? (
        <>
          <hr className={classes.rule} />
          <div className={classes.center}>{t('money.receipt.codes')}</div>
          {data.vouchers.map((v) => (
            <div key={v.code} className={classes.code}>
              <LinearBarcode value={v.code} height={36} barWidth={1} />
              <div>{v.code}</div>
            </div>
          ))}
        </>
      ) : null}
      <hr className={classes.rule} />
      <div className={classes.center}>{t('money.receipt.thanks')}</div>
    </>
  );
}

function PackingSlip({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  return (
    <>
      <Head data={data} title={t('money.slip.title')} at={data.order.updatedAt} />
      <div>{data.order.buyerName || data.order.buyerId}</div>
      {data.order.address ? <div style={{ whiteSpace: 'pre-line' }}>{data.order.address}</div> : null}
      <hr className={classes.rule} />
      <table className={classes.table}>
        <thead>
          <tr>
            <th>{t('money.slip.sku')}</th>
            <th>{t('money.slip.item')}</th>
            <th className={classes.num}>{t('money.slip.qty')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((item) => (
            <tr key={item.id}>
              <td>{item.sku}</td>
              <td>{data.products.get(item.sku)?.name ?? ''}</td>
              <td className={classes.num}>{item.qty}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
