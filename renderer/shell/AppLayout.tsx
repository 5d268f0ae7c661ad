// The frame around every screen: header (brand, role, status, language, theme), navbar, main.
import { AppShell, Group, ScrollArea, Text, ThemeIcon } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { memo, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LoadingState } from '../ui/states';
import { EngineBanner } from './EngineBanner';
import { EngineStatus } from './EngineStatus';
import { LanguageSwitch } from './LanguageSwitch';
import { NavMenu } from './NavMenu';
import { RoleSwitcher } from './RoleSwitcher';
import { ThemeToggle } from './ThemeToggle';

export function AppLayout() {
  const { pathname } = useLocation();
  return (
    <AppShell header={{ height: 68 }} navbar={{ width: 256, breakpoint: 0 }} padding="lg">
      <AppHeader />
      <AppNavbar />
      <AppShell.Main>
        <EngineBanner />
        <ErrorBoundary resetKey={pathname}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}

// The menu follows the route by itself (NavMenu): its frame and scroll area need not be
// rendered again on every navigation (~2-3 ms of a scanned label's render here).
const AppNavbar = memo(function AppNavbar() {
  return (
    <AppShell.Navbar p="sm">
      <AppShell.Section grow component={ScrollArea}>
        <NavMenu />
      </AppShell.Section>
    </AppShell.Navbar>
  );
});

// Nothing in the header depends on the route: a memo keeps it out of every navigation's
// render (a scanned label re-rendered the role switcher, status, language and theme).
const AppHeader = memo(function AppHeader() {
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
          <EngineStatus />
          <LanguageSwitch />
          <ThemeToggle />
        </Group>
      </Group>
    </AppShell.Header>
  );
});
