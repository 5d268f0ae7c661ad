// The frame around every screen: header (brand, role, status, language, theme), navbar, main.
import { AppShell, Group, ScrollArea, Text, ThemeIcon } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { RestoreDialog } from '../settings/RestoreDialog';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LoadingState } from '../ui/states';
import { EngineBanner } from './EngineBanner';
import { DemoCounterBadge } from './DemoCounterBadge';
import { DemoPeriodsBadge } from './DemoPeriodsBadge';
import { EngineStatus } from './EngineStatus';
import { HostBridge } from './HostBridge';
import { LanguageSwitch } from './LanguageSwitch';
import { NavMenu } from './NavMenu';
import { RoleSwitcher } from './RoleSwitcher';
import { ThemeToggle } from './ThemeToggle';

// Reads nothing that changes with the route: a navigation (a scanned label, many a minute)
// renders the screen (ScreenOutlet) and the menu (NavMenu), not the frame, the header or the
// navbar around them.
export function AppLayout() {
  return (
    <AppShell header={{ height: 68 }} navbar={{ width: 256, breakpoint: 0 }} padding="lg">
      <AppHeader />
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <NavMenu />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <EngineBanner />
        <ScreenOutlet />
      </AppShell.Main>
      <RestoreDialog />
      <HostBridge />
    </AppShell>
  );
}

/** The current screen; a screen that failed is shown again once the operator goes elsewhere. */
function ScreenOutlet() {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary resetKey={pathname}>
      <Suspense fallback={<LoadingState />}>
        <Outlet />
      </Suspense>
    </ErrorBoundary>
  );
}

function AppHeader() {
  const { t } = useTranslation();
  return (
    <AppShell.Header px="md">
      <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={38} radius="md" variant="filled">
            <IconArrowsExchange size={24} />
          </ThemeIcon>
          <Text fw={800} fz="xl" visibleFrom="lg">
            {t('common.appName')}
          </Text>
        </Group>
        <RoleSwitcher />
        <Group gap="sm" wrap="nowrap">
          <DemoCounterBadge />
          <DemoPeriodsBadge />
          <EngineStatus />
          <LanguageSwitch />
          <ThemeToggle />
        </Group>
      </Group>
    </AppShell.Header>
  );
}
