// What a counter prints for parcels: a shipping label per parcel (delivery address, the
// tracking number's barcode, the SSCC as GS1-128) and the hand-over manifest of the parcels
// given to one carrier, with a signature line. Printed through the host (window.print in a
// browser, where the print stylesheet leaves only the sheet; Save as PDF from there).
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { CheckpointRow, ShipmentRow } from '../../shared/tracking/rows';
import type { OrderRow } from '../../shared/db/rows';
import type { CarrierRow } from '../../shared/tracking/carriers';
import { db } from '../db';
import { platform } from '../platform';
import { PdfButton } from '../ui/PdfButton';
import { toastRefused } from '../ui/toast';
import { LoadingState } from '../ui/states';
import { formatDateTime, useLocale } from '../ui/time';
import { Code128, Gs1128 } from './Gs1128';
import classes from './Print.module.css';

export default function PrintPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const shipmentId = params.get('shipment');
  const manifest = params.get('manifest');
  const since = Number(params.get('since') ?? 0);
  const print = async () => {
    const r = await platform.print();
    if (!r.ok) toastRefused(t('labels.printFailed'), r.reason);
  };
  return (
    <Stack gap="md">
      <Group className={classes.controls} justify="space-between">
        <Button component={Link} to={shipmentId ? '/boards' : '/parcels'} variant="default" leftSection={<IconArrowLeft size={18} />} onClick={(e) => (history.length > 1 ? (e.preventDefault(), history.back()) : undefined)}>
          {t('common.back')}
        </Button>
        <Group gap="sm">
          <PdfButton fileName={shipmentId ? `labels-${shipmentId}.pdf` : `manifest-${manifest ?? ''}.pdf`} testId="parcels-pdf" />
          <Button leftSection={<IconPrinter size={18} />} onClick={() => void print()} data-testid="parcels-print">
            {t('parcels.print.print')}
          </Button>
        </Group>
      </Group>
      {shipmentId ? <ShippingLabels shipmentId={shipmentId} /> : manifest ? <Manifest carrierId={manifest} since={since} /> : <Text>{t('parcels.print.nothing')}</Text>}
    </Stack>
  );
}

function ShippingLabels({ shipmentId }: { shipmentId: string }) {
  const { t } = useTranslation();
  const data = useLiveQuery(async () => {
    const shipment = await db.shipments.get(shipmentId);
    if (!shipment) return null;
    const [order, carrier, name] = await Promise.all([db.orders.get(shipment.orderId), db.carriers.get(shipment.carrierId), db.settings.get('deviceName')]);
    return { shipment, order, carrier, sender: typeof name?.value === 'string' ? name.value : 'Counterflow' };
  }, [shipmentId]);
  if (data === undefined) return <LoadingState />;
  if (data === null) return <Text>{t('parcels.print.nothing')}</Text>;
  const { shipment, order, carrier, sender } = data;
  return (
    <div data-testid="print-sheet">
      {shipment.parcels.map((p) => (
        <div key={p.no} className={`${classes.sheet} ${classes.label}`} data-testid="shipping-label">
          <div className={classes.small}>
            {t('parcels.print.from')}: {sender}
          </div>
          <div>
            <div className={classes.small}>{t('parcels.print.to')}</div>
            <div className={classes.big}>{order?.buyerName ?? ''}</div>
            <div className={classes.address}>{order?.address || '—'}</div>
            {order?.phone ? <div>{order.phone}</div> : null}
          </div>
          <div className={classes.block}>
            <div className={classes.big}>
              {carrier?.name ?? shipment.carrierId} {shipment.service ?? ''}
            </div>
            <div className={classes.small}>
              {t('parcels.print.parcelOf', { no: p.no, count: shipment.parcels.length })} · {order?.number ?? shipment.orderNumber}
              {p.weightGrams ? ` · ${(p.weightGrams / 1000).toFixed(2)} kg` : ''}
            </div>
          </div>
          <div className={`${classes.block} ${classes.symbol}`}>
            <div className={classes.small}>{t('parcels.print.tracking')}</div>
            <Code128 text={p.trackingNumber} />
            <div className={classes.big} data-testid="label-tracking">{p.trackingNumber}</div>
          </div>
          <div className={`${classes.block} ${classes.symbol}`}>
            <div className={classes.small}>SSCC</div>
            <Gs1128 text={`(00)${p.sscc}`} />
            <div data-testid="label-sscc">(00) {p.sscc}</div>
          </div>
        </div>
      ))}
    </div>
  );
}

interface ManifestRow {
  checkpoint: CheckpointRow;
  shipment: ShipmentRow;
  order: OrderRow | undefined;
}

function Manifest({ carrierId, since }: { carrierId: string; since: number }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [printedAt] = useState(() => Date.now());
  const data = useLiveQuery(async () => {
    const carrier: CarrierRow | undefined = await db.carriers.get(carrierId);
    const checkpoints = (await db.checkpoints.where('at').aboveOrEqual(since).toArray()).filter((c) => c.kind === 'handover');
    const shipments = await db.shipments.bulkGet([...new Set(checkpoints.map((c) => c.shipmentId))]);
    const byId = new Map(shipments.filter((s): s is ShipmentRow => !!s && s.carrierId === carrierId).map((s) => [s.id, s]));
    const orders = await db.orders.bulkGet([...new Set([...byId.values()].map((s) => s.orderId))]);
    const orderById = new Map(orders.filter((o): o is OrderRow => !!o).map((o) => [o.id, o]));
    const rows: ManifestRow[] = checkpoints.filter((c) => byId.has(c.shipmentId)).map((c) => ({ checkpoint: c, shipment: byId.get(c.shipmentId)!, order: orderById.get(byId.get(c.shipmentId)!.orderId) }));
    return { carrier, rows };
  }, [carrierId, since]);
  if (data === undefined) return <LoadingState />;
  const grams = data.rows.reduce((sum, r) => sum + (r.shipment.parcels.find((p) => p.no === r.checkpoint.parcelNo)?.weightGrams ?? 0), 0);
  return (
    <div className={`${classes.sheet} ${classes.manifest}`} data-testid="print-sheet">
      <div className={classes.big} data-testid="manifest-title">
        {t('parcels.print.manifestTitle', { carrier: data.carrier?.name ?? carrierId })}
      </div>
      <p>{t('parcels.print.manifestIntro', { count: data.rows.length, when: formatDateTime(printedAt, locale) })}</p>
      <table className={classes.table} data-testid="manifest-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('parcels.print.tracking')}</th>
            <th>SSCC</th>
            <th>{t('parcels.col.order')}</th>
            <th>{t('parcels.print.to')}</th>
            <th>{t('parcels.col.time')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r, i) => {
            const parcel = r.shipment.parcels.find((p) => p.no === r.checkpoint.parcelNo);
            return (
              <tr key={r.checkpoint.id} data-testid="manifest-row">
                <td>{i + 1}</td>
                <td>{r.checkpoint.trackingNumber}</td>
                <td>{parcel?.sscc ?? ''}</td>
                <td>{r.shipment.orderNumber}</td>
                <td>{r.order?.buyerName ?? ''}</td>
                <td>{formatDateTime(r.checkpoint.at, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>{t('parcels.print.totals', { count: data.rows.length, kg: (grams / 1000).toFixed(2) })}</p>
      <div className={classes.signature}>
        <div>{t('parcels.print.signCounter')}</div>
        <div data-testid="manifest-signature">{t('parcels.print.signCarrier')}</div>
        <div>{t('parcels.print.signDate')}</div>
      </div>
    </div>
  );
}
