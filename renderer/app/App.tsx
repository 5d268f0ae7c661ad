// Providers, in the order they depend on each other: theme -> toasts -> labels -> router.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { createHashRouter, RouterProvider } from 'react-router-dom';
import { cssVariablesResolver, theme } from '../ui/theme';
import { WorkflowCatalogProvider } from '../workflow/catalog';
import { routes } from './routes';

// Hash routing: the app is served from app:// in Electron and from any static host in tests.
const router = createHashRouter(routes);

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="bottom-right" limit={4} zIndex={400} />
      <WorkflowCatalogProvider>
        <RouterProvider router={router} />
      </WorkflowCatalogProvider>
    </MantineProvider>
  );
}
