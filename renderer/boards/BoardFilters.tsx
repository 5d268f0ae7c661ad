// Buyer, sku, date range and which columns to show. Typing filters live.
import { Button, Group, MultiSelect, TextInput } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useWindowIdle } from '../app/windowIdle';
import type { BoardColumnDef } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';
import { hasFilters, useBoardStore } from './boardStore';

export function BoardFilters({ columns }: { columns: BoardColumnDef[] }) {
  const { t } = useTranslation();
  const f = useBoardStore();
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap" data-testid="board-filters">
      <TextInput
        label={t('boards.filter.buyer')}
        placeholder={t('boards.filter.buyerPlaceholder')}
        value={f.buyer}
        onChange={(e) => f.set({ buyer: e.currentTarget.value })}
        w={180}
        size="sm"
      />
      <TextInput
        label={t('boards.filter.sku')}
        placeholder={t('boards.filter.skuPlaceholder')}
        value={f.sku}
        onChange={(e) => f.set({ sku: e.currentTarget.value })}
        w={140}
        size="sm"
      />
      <TextInput type="date" label={t('boards.filter.from')} value={f.from} onChange={(e) => f.set({ from: e.currentTarget.value })} w={150} size="sm" />
      <TextInput type="date" label={t('boards.filter.to')} value={f.to} onChange={(e) => f.set({ to: e.currentTarget.value })} w={150} size="sm" />
      <ColumnPicker columns={columns} />
      <Button
        variant="subtle"
        size="sm"
        leftSection={<IconFilterOff size={18} />}
        disabled={!hasFilters(f) && f.hiddenColumns.length === 0}
        onClick={f.clear}
      >
        {t('boards.filter.clear')}
      </Button>
    </Group>
  );
}

const PICKER_WIDTH = 220;

/** Which columns to show. The combobox waits for the window's first idle moment: the board's cards paint first. */
function ColumnPicker({ columns }: { columns: BoardColumnDef[] }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const hiddenColumns = useBoardStore((s) => s.hiddenColumns);
  const set = useBoardStore((s) => s.set);
  if (!useWindowIdle()) return <TextInput label={t('boards.filter.states')} w={PICKER_WIDTH} size="sm" readOnly tabIndex={-1} />;
  return (
    <MultiSelect
      label={t('boards.filter.states')}
      data={columns.map((c) => ({ value: c.key, label: words.state('order', c.states[0]) }))}
      value={columns.filter((c) => !hiddenColumns.includes(c.key)).map((c) => c.key)}
      onChange={(keys) => set({ hiddenColumns: columns.filter((c) => !keys.includes(c.key)).map((c) => c.key) })}
      w={PICKER_WIDTH}
      size="sm"
      maxValues={columns.length}
      hidePickedOptions={false}
      comboboxProps={{ withinPortal: true }}
      styles={{ pillsList: { flexWrap: 'nowrap', overflow: 'hidden' } }}
    />
  );
}
