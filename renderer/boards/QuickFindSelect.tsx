// The quick find's combobox (Mantine's Select), loaded at the window's first idle moment by
// QuickFind: the board's cold start does not carry the combobox family.
import { Select } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useShortcuts } from '../ui/useShortcuts';
import { QUICK_FIND_WIDTH as WIDTH } from './QuickFind';
import { enterChoice, quickFind, type QuickFindResult } from './queries';

const MORE = '__more';
const NONE: QuickFindResult = { orders: [], more: false };

export default function QuickFindSelect() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const found = useLiveQuery(() => quickFind(search), [search]) ?? NONE;
  const chosen = useRef(false);

  useShortcuts([{ combo: '/', run: () => inputRef.current?.focus() }]);

  return (
    <Select
      ref={inputRef}
      w={WIDTH}
      searchable
      clearable
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => {
        chosen.current = true;
        if (id && id !== MORE) navigate(`/orders/${id}`);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        const typed = search;
        const input = e.currentTarget;
        chosen.current = false; // set again if the dropdown takes this Enter
        // The dropdown's own Enter (a highlighted option) runs after this handler.
        setTimeout(() => {
          if (chosen.current) {
            chosen.current = false;
            return;
          }
          void quickFind(typed).then((latest) => {
            const id = enterChoice(typed, latest);
            if (id) navigate(`/orders/${id}`);
            else input.select();
          });
        }, 0);
      }}
      filter={({ options }) => options}
      data={[
        ...found.orders.map((o) => ({ value: o.id, label: `${o.number} · ${o.buyerName || o.buyerId}${o.phone ? ` · ${o.phone}` : ''}` })),
        ...(found.more ? [{ value: MORE, label: t('boards.searchMore', { count: found.orders.length }), disabled: true }] : []),
      ]}
      placeholder={t('boards.searchPlaceholder')}
      aria-label={t('boards.search')}
      nothingFoundMessage={search.trim() ? t('boards.searchNothing') : undefined}
      leftSection={<IconSearch size={18} />}
      rightSectionPointerEvents="all"
      data-testid="quick-find"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
