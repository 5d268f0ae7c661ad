// Receive, adjust, transfer and count (stock-take): one form each, sent to the engine as
// one command. The engine checks everything; its messages appear beside the fields they are
// about, and nothing changes on a refusal.
import { Chip, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockResult } from '../../shared/api';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { FormFooter } from './FormFooter';
import { modalTitleStyles } from './format';
import { ProductPicker } from './ProductPicker';
import { useLevel, useLocations } from './queries';
import { NO_PROBLEMS, problemsOf, type FormProblems } from './refusal';
import type { MovementKind } from './stockStore';
import { useRefusalText } from '../workflow/labels';
import { useScanTarget } from '../scanner/targets';
import { findScannedProduct } from '../scanner/products';
import { useDiscardGuard } from '../ui/useDiscardGuard';

const FIELDS = ['sku', 'locationId', 'fromLocationId', 'toLocationId', 'qty', 'reason'] as const;
const ADJUST_REASONS = ['damaged', 'lost', 'found', 'expired', 'correction'] as const;

interface Props {
  kind: MovementKind;
  sku?: string;
  locationId?: string;
  onClose(): void;
}

export function MovementModal({ kind, sku: initialSku, locationId: initialLocation, onClose }: Props) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const counter = useCounter();
  const locations = useLocations();
  const [sku, setSku] = useState<string | null>(initialSku ?? null);
  const [locationId, setLocationId] = useState<string | null>(initialLocation ?? null);
  const [toLocationId, setToLocationId] = useState<string | null>(null);
  const [qty, setQty] = useState<number | string>('');
  const [direction, setDirection] = useState<'remove' | 'add'>('remove');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);
  const qtyRef = useRef<HTMLInputElement>(null);
  const guard = useDiscardGuard(onClose);

  // A product scanned while the form is open is the form's product (a clerk receiving with
  // the scanner in hand): chosen here, not sent on to the screens that take scans.
  useScanTarget(
    async (scan) => {
      const title = t('stock.fields.product');
      const lookup = await findScannedProduct(scan.parsed);
      if ('notProduct' in lookup) return { ok: false, message: t('scan.msg.notAProduct'), title, settle: 'local' };
      if ('missing' in lookup) return { ok: false, message: t('scan.msg.productMissing', { code: lookup.missing }), title, settle: 'local' };
      const { product } = lookup.found;
      setSku(product.sku);
      qtyRef.current?.focus();
      setProblems(({ general, fields: { sku: _seen, ...fields } }) => ({ general, fields }));
      return { ok: true, message: t('stock.move.scanned', { what: `${product.sku} · ${product.name}` }), title, settle: 'local' };
    },
    { kinds: ['product', 'weight', 'price', 'gs1'] },
  );

  // One location only: nothing to choose.
  const onlyLocation = locations?.length === 1 ? locations[0]!.id : null;
  const from = locationId ?? onlyLocation;
  const level = useLevel(sku, from);
  const toLevel = useLevel(sku, toLocationId);

  const locationData = (locations ?? []).map((l) => ({
    value: l.id,
    label: `${l.name === l.id ? l.id : `${l.name} (${l.id})`}${l.active ? '' : ` · ${t('stock.inactive')}`}`,
  }));
  const qtyNumber = typeof qty === 'number' ? qty : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems(NO_PROBLEMS);
    const base = { sku: sku ?? '', reason: reason.trim() || undefined };
    let result: StockResult;
    try {
      if (kind === 'transfer') {
        result = await counter.transfer({ ...base, fromLocationId: from ?? '', toLocationId: toLocationId ?? '', qty: qtyNumber as number });
      } else {
        const signed = kind === 'adjust' && qtyNumber !== undefined && direction === 'remove' ? -qtyNumber : qtyNumber;
        const input = { ...base, locationId: from ?? '', qty: signed as number };
        result =
          kind === 'receive' ? await counter.receive(input)
          : kind === 'adjust' ? await counter.adjust({ ...input, reason: reason.trim() })
          : await counter.count(input);
      }
    } catch (error) {
      result = { ok: false, code: 'effect-failed', message: error instanceof Error ? error.message : String(error) };
    } finally {
      setBusy(false);
    }
    if (!result.ok) {
      setProblems(problemsOf(result, FIELDS, kind === 'transfer' ? {} : { fromLocationId: 'locationId' }, refusalText(result)));
      return;
    }
    const locationName = (id: string | null) => locations?.find((l) => l.id === id)?.name ?? id ?? '';
    toastOk(
      t(`stock.move.${kind}.done`),
      t(`stock.move.${kind}.doneDetail`, {
        qty: qtyNumber,
        sku,
        location: locationName(from),
        to: locationName(toLocationId),
      }),
    );
    onClose();
  };

  const levelLine = (l: typeof level, label: string) =>
    l ? (
      <Text fz="sm" c="dimmed" className="tabular" data-testid="movement-level">
        {t('stock.move.levelLine', { where: label, onHand: l.onHand, reserved: l.reserved, available: l.onHand - l.reserved })}
      </Text>
    ) : sku && from ? (
      <Text fz="sm" c="dimmed" data-testid="movement-level">
        {t('stock.move.noLevel', { where: label })}
      </Text>
    ) : null;

  const fromName = locations?.find((l) => l.id === from)?.name ?? from ?? '';
  const toName = locations?.find((l) => l.id === toLocationId)?.name ?? toLocationId ?? '';
  const countDiff = kind === 'count' && qtyNumber !== undefined ? qtyNumber - (level?.onHand ?? 0) : null;

  return (
    <Modal opened onClose={guard.requestClose} styles={modalTitleStyles} title={t(`stock.move.${kind}.title`)} size="lg" data-testid={`movement-${kind}`}>
      <form onSubmit={(e) => void submit(e)} onInput={guard.edited} noValidate>
        <Stack gap="md">
          <Text c="dimmed">{t(`stock.move.${kind}.hint`)}</Text>
          <ProductPicker
            label={t('stock.fields.product')}
            placeholder={t('stock.fields.productPlaceholder')}
            value={sku}
            onChange={setSku}
            error={problems.fields.sku}
            withAsterisk
            data-autofocus={initialSku ? undefined : true}
            data-testid="movement-sku"
          />
          {kind === 'transfer' ? (
            <Group grow align="flex-start">
              <Select
                label={t('stock.fields.from')}
                data={locationData}
                value={from}
                onChange={setLocationId}
                error={problems.fields.fromLocationId}
                withAsterisk
                searchable
                comboboxProps={{ withinPortal: true }}
                data-testid="movement-from"
              />
              <Select
                label={t('stock.fields.to')}
                data={locationData}
                value={toLocationId}
                onChange={setToLocationId}
                error={problems.fields.toLocationId}
                withAsterisk
                searchable
                comboboxProps={{ withinPortal: true }}
                data-testid="movement-to"
              />
            </Group>
          ) : (
            <Select
              label={t('stock.fields.location')}
              data={locationData}
              value={from}
              onChange={setLocationId}
              error={problems.fields.locationId}
              withAsterisk
              searchable
              comboboxProps={{ withinPortal: true }}
              data-testid="movement-location"
            />
          )}
          {kind === 'transfer' ? (
            <Stack gap={2}>
              {levelLine(level, fromName)}
              {toLocationId ? levelLine(toLevel, toName) : null}
            </Stack>
          ) : (
            levelLine(level, fromName)
          )}
          {kind === 'adjust' ? (
            <SegmentedControl
              value={direction}
              onChange={(v) => setDirection(v as 'remove' | 'add')}
              data={[
                { value: 'remove', label: t('stock.move.adjust.remove') },
                { value: 'add', label: t('stock.move.adjust.add') },
              ]}
              data-testid="movement-direction"
            />
          ) : null}
          <NumberInput
            label={t(kind === 'count' ? 'stock.fields.counted' : 'stock.fields.qty')}
            value={qty}
            onChange={setQty}
            min={kind === 'count' ? 0 : 1}
            allowDecimal={false}
            allowNegative={false}
            error={problems.fields.qty}
            withAsterisk
            data-autofocus={initialSku ? true : undefined}
            ref={qtyRef}
            data-testid="movement-qty"
            description={
              countDiff !== null
                ? t('stock.move.count.diff', { previous: level?.onHand ?? 0, counted: qtyNumber, diff: countDiff > 0 ? `+${countDiff}` : String(countDiff) })
                : undefined
            }
          />
          <TextInput
            label={t('stock.fields.reason')}
            placeholder={t(kind === 'adjust' ? 'stock.fields.reasonRequired' : 'stock.fields.reasonOptional')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={problems.fields.reason}
            withAsterisk={kind === 'adjust'}
            maxLength={200}
            data-testid="movement-reason"
          />
          {kind === 'adjust' ? (
            <Group gap="xs" aria-label={t('stock.move.adjust.quickReasons')} role="group">
                {ADJUST_REASONS.map((r) => (
                  <Chip key={r} size="sm" variant="outline" checked={reason === t(`stock.move.adjust.reasons.${r}`)} onChange={() => setReason(t(`stock.move.adjust.reasons.${r}`))}>
                    {t(`stock.move.adjust.reasons.${r}`)}
                  </Chip>
                ))}
            </Group>
          ) : null}
          <FormFooter refusal={problems.general} refusalTitle={t('stock.move.refused')} submitLabel={t(`stock.move.${kind}.submit`)} busy={busy} onCancel={onClose} testId="movement" />
        </Stack>
      </form>
      {guard.question}
    </Modal>
  );
}
