// Find an order by number or any word of the buyer's name and open it. "/" focuses it from
// the board. Enter opens the highlighted order, else the one whose number was typed, else
// the only one found; after a miss the text is selected, so typing or a scan replaces it.
import { TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useWindowIdle } from '../app/windowIdle';

export const QUICK_FIND_WIDTH = 340;

const QuickFindSelect = lazy(() => import('./QuickFindSelect'));

export function QuickFind() {
  // The combobox (its own chunk) waits for the window's first idle moment: the board's cards
  // paint first.
  if (useWindowIdle())
    return (
      <Suspense fallback={<QuickFindPlaceholder />}>
        <QuickFindSelect />
      </Suspense>
    );
  return <QuickFindPlaceholder />;
}

/** The same box, inert, until the combobox is there. */
function QuickFindPlaceholder() {
  const { t } = useTranslation();
  return <TextInput w={QUICK_FIND_WIDTH} readOnly tabIndex={-1} aria-label={t('boards.search')} placeholder={t('boards.searchPlaceholder')} leftSection={<IconSearch size={18} />} />;
}
