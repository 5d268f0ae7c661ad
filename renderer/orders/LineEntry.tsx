// The "add a line" field: type a sku, a barcode or the start of a name and press Enter.
// Enter takes the highlighted suggestion, else an exact sku or barcode (in any case), else
// the only suggestion; after a miss the text is selected, so the next scan or typing
// replaces it. It opts in to receive scans (data-scan-target), so a scanned product lands
// here as a line.
import { Autocomplete, Button, Group } from '@mantine/core';
import { IconBarcode, IconPlus } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMergedRef } from '@mantine/hooks';
import { forwardRef, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDraftStore } from './createOrderStore';
import { findProduct, suggestProducts } from './productLookup';

export const LineEntry = forwardRef<HTMLInputElement>(function LineEntry(_props, ref) {
  const { t } = useTranslation();
  const addSku = useDraftStore((s) => s.addSku);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const suggestions = useLiveQuery(() => suggestProducts(text), [text]) ?? [];
  // Enter reaches our handler before the dropdown's; this tells us the dropdown took it.
  const optionTaken = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const mergedRef = useMergedRef(ref, inputRef);

  const add = async (code: string) => {
    const c = code.trim();
    if (!c) return;
    // What was typed names one product: exactly, or as the only suggestion for it.
    const only = await suggestProducts(c, 2);
    const product = (await findProduct(c)) ?? (only.length === 1 ? only[0] : undefined);
    if (!product) {
      setProblem(t('order.create.unknownProduct', { code: c }));
      inputRef.current?.select();
      return;
    }
    addSku(product.sku, product.price);
    setProblem(null);
    setText('');
  };

  return (
    <Group align="flex-end" gap="sm" wrap="nowrap">
      <Autocomplete
        ref={mergedRef}
        style={{ flex: 1 }}
        size="lg"
        label={t('order.create.addLine')}
        description={t('order.create.addLineHint')}
        placeholder={t('order.create.addLinePlaceholder')}
        leftSection={<IconBarcode />}
        value={text}
        onChange={(v) => {
          setText(v);
          setProblem(null);
        }}
        data={suggestions.map((p) => ({ value: p.sku, label: `${p.sku} · ${p.name}` }))}
        filter={({ options }) => options}
        onOptionSubmit={(sku) => {
          optionTaken.current = true;
          void add(sku);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const typed = text;
          setTimeout(() => {
            if (!optionTaken.current) void add(typed);
            optionTaken.current = false;
          }, 0);
        }}
        error={problem}
        data-scan-target="order-line"
        data-testid="line-entry"
        comboboxProps={{ withinPortal: true }}
      />
      <Button size="lg" variant="default" mb={problem ? 26 : 0} leftSection={<IconPlus />} onClick={() => void add(text)} data-testid="add-line">
        {t('order.create.add')}
      </Button>
    </Group>
  );
});
