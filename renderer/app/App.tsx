// Providers, in the order they depend on each other: theme -> toasts -> workflow catalog -> its words -> scanner -> router.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { createHashRouter, RouterProvider } from 'react-router-dom';
// Not the scanner's barrel: it would bring its settings panels (number inputs, selects) into
// the entry.
import { ScannerProvider } from '../scanner/ScannerProvider';
import { NAVBAR_WIDTH, TOAST_INSET } from '../shell/frame';
import { colorSchemeManager, DEFAULT_COLOR_SCHEME } from '../ui/colorScheme';
import { cssVariablesResolver, theme } from '../ui/theme';
import { WorkflowCatalogProvider } from '../workflow/catalog';
import { WorkflowWordsProvider } from '../workflow/labels';
import { routes } from './routes';

// Hash routing: the app is served from app:// in Electron and from any static host in tests.
const router = createHashRouter(routes);

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} colorSchemeManager={colorSchemeManager} defaultColorScheme={DEFAULT_COLOR_SCHEME}>
      {/* Bottom left, within the navbar's empty lower part: never over the screen being worked on. */}
      <Notifications
        position="bottom-left"
        limit={3}
        zIndex={400}
        w={NAVBAR_WIDTH - 2 * TOAST_INSET}
        data-testid="toasts"
      />
      <WorkflowCatalogProvider>
        <WorkflowWordsProvider>
          {/* Scans are read anywhere in the window and routed by screen (renderer/scanner). */}
          <ScannerProvider router={router}>
            <RouterProvider router={router} />
          </ScannerProvider>
        </WorkflowWordsProvider>
      </WorkflowCatalogProvider>
    </MantineProvider>
  );
}
