// Providers, in the order they depend on each other: theme -> toasts -> workflow catalog -> its words -> scanner -> router.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { createHashRouter, RouterProvider } from 'react-router-dom';
import { ScannerProvider } from '../scanner';
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
      {/* Bottom left sits over the navbar's empty lower part, not over the action panel. */}
      <Notifications position="bottom-left" limit={3} zIndex={400} w={380} />
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
