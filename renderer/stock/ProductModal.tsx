// Add a product to the catalogue, or change one (opened from its ledger). The engine
// checks every field (barcode check digits, a barcode another product has) and its
// messages appear beside the fields; a change keeps the sku, which the ledger refers to.
// While the form is open a scanned product code goes into its barcodes, not to a lookup.
import { MoneyInput } from '../money/MoneyInput';
import { useMoneySettings } from '../money/useMoney';
import { Alert, Modal, NumberInput, SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductRow } from '../../shared/db/rows';
import { useCounter } from '../engine/client';
import { LoadingState } from '../ui/states';
import { toastOk } from '../ui/toast';
import { FormFooter } from './FormFooter';
import { modalTitleStyles } from './format';
import { useProduct } from './queries';
import { NO_PROBLEMS, problemsOf, type FormProblems } from './refusal';
import { useRefusalText } from '../workflow/labels';
import { productCodeOf } from '../scanner/products';
import { useScanTarget } from '../scanner/targets';
import { useDiscardGuard } from '../ui/useDiscardGuard';

const FIELDS = ['sku', 'name', 'unit', 'price', 'barcodes', 'reorderPoint', 'allowBackorder', 'active'] as const;

/** Without `sku`: a new product. With it: that product, to change. */
export function ProductModal({ sku, onClose }: { sku?: string; onClose(): void }) {
  const { t } = useTranslation();
  const product = useProduct(sku);
  const editing = sku !== undefined;
  const guard = useDiscardGuard(onClose);
  return (
    <Modal
      opened
      onClose={guard.requestClose}
      styles={modalTitleStyles}
      title={editing ? t('stock.product.editTitle', { sku }) : t('stock.product.title')}
      size="lg"
      data-testid="product-modal"
    >
      {!editing ? (
        <ProductForm onClose={onClose} onEdited={guard.edited} />
      ) : product === undefined ? (
        <LoadingState minHeight={120} />
      ) : product === null ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} role="alert">
          {t('stock.product.missing', { sku })}
        </Alert>
      ) : (
        <ProductForm stored={product} onClose={onClose} onEdited={guard.edited} />
      )}
      {guard.question}
    </Modal>
  );
}

function ProductForm({ stored, onClose, onEdited }: { stored?: ProductRow; onClose(): void; onEdited(): void }) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const counter = useCounter();
  const [sku, setSku] = useState(stored?.sku ?? '');
  const [name, setName] = useState(stored?.name ?? '');
  // A new product's unit in the clerk's language ("pcs", "件"); it is the product's own text after.
  const [unit, setUnit] = useState(stored?.unit ?? t('stock.unitDefault'));
  const [price, setPrice] = useState<number | null>(stored?.price ?? 0);
  const { currency } = useMoneySettings();
  const [reorderPoint, setReorderPoint] = useState<number | string>(stored?.reorderPoint ?? 0);
  const [barcodes, setBarcodes] = useState<string[]>(stored?.barcodes ?? []);
  const [allowBackorder, setAllowBackorder] = useState(stored?.allowBackorder ?? false);
  const [active, setActive] = useState(stored?.active ?? true);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);
  // The list as of the last scan too: two scans may come before the next render.
  const barcodesRef = useRef<string[]>(barcodes);
  useLayoutEffect(() => {
    barcodesRef.current = barcodes;
  }, [barcodes]);

  // Any scan while the form is open: a product code joins the barcodes (the engine checks
  // it on save); a label or card is refused here rather than acted on behind the form.
  useScanTarget((scan) => {
    const title = t('stock.fields.barcodes');
    // A code no rule reads is kept as scanned: the engine says on save what is wrong with it.
    const value = scan.parsed.kind === 'not-recognised' ? scan.code.trim() : productCodeOf(scan.parsed);
    if (!value) return { ok: false, message: t('scan.msg.barcodeNotProduct', { code: scan.code }), title, settle: 'local' };
    if (barcodesRef.current.includes(value)) return { ok: false, message: t('scan.msg.barcodeAlready', { code: value }), title, settle: 'local' };
    barcodesRef.current = [...barcodesRef.current, value];
    setBarcodes(barcodesRef.current);
    onEdited();
    setProblems(({ general, fields: { barcodes: _seen, ...fields } }) => ({ general, fields }));
    return { ok: true, message: t('scan.msg.barcodeAdded', { code: value }), title, settle: 'local' };
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      const fields = {
        sku: sku.trim(),
        name: name.trim(),
        unit: unit.trim() || t('stock.unitDefault'),
        price: price ?? Number.NaN, // not an amount: the engine refuses it with the field named
        reorderPoint: typeof reorderPoint === 'number' ? reorderPoint : Number(reorderPoint),
        barcodes,
        allowBackorder,
      };
      const result = stored ? await counter.updateProduct({ ...fields, active }) : await counter.addProduct(fields);
      if (!result.ok) return setProblems(problemsOf(result, FIELDS, {}, refusalText(result)));
      const detail = { sku: fields.sku, name: fields.name };
      if (stored) toastOk(t('stock.product.updated'), t('stock.product.updatedDetail', detail));
      else toastOk(t('stock.product.added'), t('stock.product.addedDetail', detail));
      onClose();
    } catch (error) {
      setProblems({ general: error instanceof Error ? error.message : String(error), fields: {} });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} onInput={onEdited} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={2}>
          <TextInput
            label={t('stock.fields.sku')}
            description={stored ? t('stock.fields.skuFixed') : undefined}
            value={sku}
            onChange={(e) => setSku(e.currentTarget.value)}
            error={problems.fields.sku}
            readOnly={!!stored}
            variant={stored ? 'filled' : undefined}
            withAsterisk={!stored}
            data-autofocus={stored ? undefined : true}
            data-testid="product-sku"
          />
          <TextInput label={t('stock.fields.unit')} value={unit} onChange={(e) => setUnit(e.currentTarget.value)} error={problems.fields.unit} data-testid="product-unit" />
        </SimpleGrid>
        <TextInput
          label={t('stock.fields.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={problems.fields.name}
          withAsterisk
          data-autofocus={stored ? true : undefined}
          data-testid="product-name"
        />
        <SimpleGrid cols={2}>
          <MoneyInput label={t('stock.fields.price')} value={price} onChange={setPrice} digits={currency.digits} error={problems.fields.price ?? null} data-testid="product-price" />
          <NumberInput
            label={t('stock.fields.reorderPoint')}
            description={t('stock.fields.reorderPointHint')}
            value={reorderPoint}
            onChange={setReorderPoint}
            min={0}
            allowDecimal={false}
            error={problems.fields.reorderPoint}
            data-testid="product-reorder"
          />
        </SimpleGrid>
        <TagsInput
          label={t('stock.fields.barcodes')}
          description={t('stock.fields.barcodesHint')}
          value={barcodes}
          onChange={setBarcodes}
          error={problems.fields.barcodes}
          clearable
          data-testid="product-barcodes"
        />
        <Switch label={t('stock.fields.allowBackorder')} checked={allowBackorder} onChange={(e) => setAllowBackorder(e.currentTarget.checked)} />
        {stored ? (
          <Switch
            label={t('stock.fields.active')}
            description={t('stock.fields.activeHint')}
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
            data-testid="product-active"
          />
        ) : null}
        <FormFooter refusal={problems.general} submitLabel={stored ? t('stock.product.save') : t('stock.product.submit')} busy={busy} onCancel={onClose} testId="product" />
      </Stack>
    </form>
  );
}
