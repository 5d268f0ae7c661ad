// Add a product to the catalogue. The engine checks every field (barcode check digits,
// duplicates) and its messages appear beside the fields.
import { Alert, Button, Group, Modal, NumberInput, SimpleGrid, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { modalTitleStyles } from './format';
import { NO_PROBLEMS, problemsOf, type FormProblems } from './refusal';

const FIELDS = ['sku', 'name', 'unit', 'price', 'barcodes', 'reorderPoint', 'allowBackorder'] as const;

export function ProductModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('pcs');
  const [price, setPrice] = useState<number | string>(0);
  const [reorderPoint, setReorderPoint] = useState<number | string>(0);
  const [barcodes, setBarcodes] = useState<string[]>([]);
  const [allowBackorder, setAllowBackorder] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems>(NO_PROBLEMS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      const result = await counter.addProduct({
        sku: sku.trim(),
        name: name.trim(),
        unit: unit.trim() || 'pcs',
        price: typeof price === 'number' ? price : (Number(price) as number),
        reorderPoint: typeof reorderPoint === 'number' ? reorderPoint : (Number(reorderPoint) as number),
        barcodes,
        allowBackorder,
      });
      if (!result.ok) return setProblems(problemsOf(result, FIELDS));
      toastOk(t('stock.product.added'), t('stock.product.addedDetail', { sku: sku.trim(), name: name.trim() }));
      onClose();
    } catch (error) {
      setProblems({ general: error instanceof Error ? error.message : String(error), fields: {} });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} styles={modalTitleStyles} title={t('stock.product.title')} size="lg" data-testid="product-modal">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={2}>
            <TextInput label={t('stock.fields.sku')} value={sku} onChange={(e) => setSku(e.currentTarget.value)} error={problems.fields.sku} withAsterisk data-autofocus data-testid="product-sku" />
            <TextInput label={t('stock.fields.unit')} value={unit} onChange={(e) => setUnit(e.currentTarget.value)} error={problems.fields.unit} />
          </SimpleGrid>
          <TextInput label={t('stock.fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={problems.fields.name} withAsterisk data-testid="product-name" />
          <SimpleGrid cols={2}>
            <NumberInput label={t('stock.fields.price')} value={price} onChange={setPrice} min={0} decimalScale={2} error={problems.fields.price} />
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
          />
          <Switch label={t('stock.fields.allowBackorder')} checked={allowBackorder} onChange={(e) => setAllowBackorder(e.currentTarget.checked)} />
          {problems.general ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle />} role="alert" data-testid="product-refusal">
              {problems.general}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="product-submit">
              {t('stock.product.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
