// The frame around every screen: header (brand, role, status, language, theme), navbar, main.
import { AppShell, Group, ScrollArea, Text, ThemeIcon } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { FirstStartGate } from '../firststart/FirstStartGate';
import { HeaderOperator } from '../operators/HeaderOperator';
import { OperatorSync } from '../operators/OperatorSync';
import { RecoveryCodeGate } from '../operators/RecoveryCodeGate';
import { SignInGate } from '../operators/SignInGate';
import { RestoreGate } from '../settings/RestoreGate';
import { SyncBadge } from '../settings/SyncBadge';
import { useScreenOutlet, useScreenShown } from '../scanner/screenReady';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LoadingState } from '../ui/states';
import classes from './AppLayout.module.css';
import { DemoCounterBadge } from './DemoCounterBadge';
import { DemoPeriodsBadge } from './DemoPeriodsBadge';
import { EngineBanner, EngineStarting } from './EngineBanner';
import { EngineStatus } from './EngineStatus';
import { HEADER_HEIGHT, NAVBAR_WIDTH } from './frame';
import { HelpButton } from './HelpButton';
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
    <AppShell header={{ height: HEADER_HEIGHT }} navbar={{ width: NAVBAR_WIDTH, breakpoint: 0 }} padding="lg">
      <AppHeader />
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <NavMenu />
        </AppShell.Section>
        <AppShell.Section>
          <EngineStarting />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <EngineBanner />
        <ScreenOutlet />
      </AppShell.Main>
      <RestoreGate />
      <HostBridge />
      <OperatorSync />
      <SignInGate />
      <FirstStartGate />
      <RecoveryCodeGate />
    </AppShell>
  );
}

/** The current screen; a screen that failed is shown again once the operator goes elsewhere. */
function ScreenOutlet() {
  const { pathname } = useLocation();
  useScreenOutlet();
  return (
    <ErrorBoundary resetKey={pathname}>
      <Suspense fallback={<LoadingState />}>
        <ScreenShown pathname={pathname} />
        <Outlet />
      </Suspense>
    </ErrorBoundary>
  );
}

/** Marks the screen for `pathname` as on the page: scans wait for it while it loads. */
function ScreenShown({ pathname }: { pathname: string }) {
  useScreenShown(pathname);
  return null;
}

function AppHeader() {
  const { t } = useTranslation();
  return (
    <AppShell.Header px="md">
      <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
        <Group gap="sm" wrap="nowrap" className={classes.fixed}>
          <ThemeIcon size={38} radius="md" variant="filled">
            <IconArrowsExchange size={24} />
          </ThemeIcon>
          <Text fw={800} fz="xl" visibleFrom="lg">
            {t('common.appName')}
          </Text>
        </Group>
        <RoleSwitcher />
        <Group gap="sm" wrap="nowrap" className={classes.fixed}>
          <HeaderOperator />
          <div className={classes.status}>
            <DemoCounterBadge />
            <DemoPeriodsBadge />
            <EngineStatus />
            <SyncBadge />
          </div>
          <LanguageSwitch />
          <HelpButton />
          <ThemeToggle />
        </Group>
      </Group>
    </AppShell.Header>
  );
}
