// Find an order by number or buyer name prefix and open it. "/" focuses it from the board.
import { Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useWindowIdle } from '../app/windowIdle';
import { useShortcuts } from '../ui/useShortcuts';
import { quickFind } from './queries';

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
  const results = useLiveQuery(() => quickFind(search), [search]) ?? [];

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
        if (id) navigate(`/orders/${id}`);
      }}
      filter={({ options }) => options}
      data={results.map((o) => ({ value: o.id, label: `${o.number} · ${o.buyerName || o.buyerId}` }))}
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
