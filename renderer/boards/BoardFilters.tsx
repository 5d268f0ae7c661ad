// Buyer, sku, date range and which columns to show. Typing filters live.
import { Button, Group, Input, Menu, TextInput } from '@mantine/core';
import { IconChevronDown, IconFilterOff } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
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

/**
 * Which columns to show: a menu of checkboxes behind a button that says how many are shown.
 * (A multi-select showed one pill per column in a 220 px field and cut all but the first off.)
 */
function ColumnPicker({ columns }: { columns: BoardColumnDef[] }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const hiddenColumns = useBoardStore((s) => s.hiddenColumns);
  const set = useBoardStore((s) => s.set);
  const id = useId();
  const shown = columns.filter((c) => !hiddenColumns.includes(c.key)).length;
  const toggle = (key: string, show: boolean) =>
    set({ hiddenColumns: show ? hiddenColumns.filter((k) => k !== key) : [...hiddenColumns.filter((k) => k !== key), key] });
  return (
    <Input.Wrapper label={t('boards.filter.states')} labelProps={{ htmlFor: id }} size="sm">
      {/* A block under the label, as the other fields' inputs are. */}
      <div>
        <Menu closeOnItemClick={false} position="bottom-start">
          <Menu.Target>
            <Button
              id={id}
              variant="default"
              size="sm"
              w={PICKER_WIDTH}
              justify="space-between"
              fw={400}
              rightSection={<IconChevronDown size={16} />}
              data-testid="column-picker"
            >
              {t('boards.filter.columnsShown', { shown, total: columns.length })}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {columns.map((c) => (
              <Menu.CheckboxItem
                key={c.key}
                checked={!hiddenColumns.includes(c.key)}
                onChange={(checked) => toggle(c.key, checked)}
                data-testid="column-option"
              >
                {words.state('order', c.states[0])}
              </Menu.CheckboxItem>
            ))}
          </Menu.Dropdown>
        </Menu>
      </div>
    </Input.Wrapper>
  );
}
