// Help for a clerk's first day: the header's "?" (or the ? key) opens the day in order (its
// dialog, HelpDialog.tsx, is loaded at its first opening: the board's cold start does not
// carry Mantine's modal for it).
import { ActionIcon, Tooltip } from '@mantine/core';
import { IconHelp } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnceTrue } from '../ui/useOnceTrue';
import { useShortcuts } from '../ui/useShortcuts';

const HelpDialog = lazy(() => import('./HelpDialog'));

export function HelpButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const wanted = useOnceTrue(opened);
  const open = () => setOpened(true);
  useShortcuts([{ combo: '?', run: open }]);
  return (
    <>
      <Tooltip label={t('help.open')}>
        <ActionIcon variant="default" size={42} aria-label={t('help.open')} data-testid="help-open" onClick={open}>
          <IconHelp size={22} />
        </ActionIcon>
      </Tooltip>
      {wanted ? (
        <Suspense fallback={null}>
          <HelpDialog opened={opened} onClose={() => setOpened(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
