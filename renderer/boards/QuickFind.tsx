// Find an order by number or any word of the buyer's name and open it. "/" focuses it from
// the board. Enter opens the highlighted order, else the one whose number was typed, else
// the only one found; after a miss the text is selected, so typing or a scan replaces it.
import { Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useWindowIdle } from '../app/windowIdle';
import { useShortcuts } from '../ui/useShortcuts';
import { enterChoice, quickFind, type QuickFindResult } from './queries';

const MORE = '__more';
const NONE: QuickFindResult = { orders: [], more: false };


const WIDTH = 340;

export function QuickFind() {
  const { t } = useTranslation();
  // The combobox waits for the window's first idle moment: the board's cards paint first.
  if (useWindowIdle()) return <QuickFindSelect />;
  return <TextInput w={WIDTH} readOnly tabIndex={-1} aria-label={t('boards.search')} placeholder={t('boards.searchPlaceholder')} leftSection={<IconSearch size={18} />} />;
}

function QuickFindSelect() {
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
