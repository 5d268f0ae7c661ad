// Every screen but the board is lazily loaded so the first paint stays quick; the board is
// the start screen, so it ships in the entry chunk instead of waiting for a chunk of its
// own. Screens live in their own folder (renderer/<screen>/) and own their i18n keys.
import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import BoardsPage from '../boards/BoardsPage';
import { AppLayout } from '../shell/AppLayout';
import { NotFound } from '../shell/NotFound';
import { afterFirstIdle } from './windowIdle';

// An order label opens the order page from any screen: its code is fetched and compiled once
// the window is first idle, not at the first label (which waited for the chunk and its
// panels' chunks). React.lazy's own import() then finds the module loaded.
const loadOrderDetailPage = () => import('../orders/OrderDetailPage');
afterFirstIdle(() => void loadOrderDetailPage().catch(() => undefined));

const CreateOrderPage = lazy(() => import('../orders/CreateOrderPage'));
const OrderDetailPage = lazy(loadOrderDetailPage);
const StockPage = lazy(() => import('../stock/StockPage'));
const TasksPage = lazy(() => import('../tasks/TasksPage'));
const WorkflowsPage = lazy(() => import('../workflows/WorkflowsPage'));
const ScanLogPage = lazy(() => import('../scanlog/ScanLogPage'));
const SettingsPage = lazy(() => import('../settings/SettingsPage'));
const LabelsPage = lazy(() => import('../labels/LabelsPage'));
const ScanStockPage = lazy(() => import('../scanner/ScanStockPage'));
const BadgePage = lazy(() => import('../operators/BadgePage'));
const AuditPage = lazy(() => import('../audit/AuditPage'));
const ParcelsPage = lazy(() => import('../parcels/ParcelsPage'));
const ExceptionsPage = lazy(() => import('../parcels/ExceptionsPage'));
const ParcelsPrintPage = lazy(() => import('../parcels/PrintPage'));
const SearchPage = lazy(() => import('../parcels/SearchPage'));
const TillPage = lazy(() => import('../money/TillPage'));
const ReturnsPage = lazy(() => import('../money/ReturnsPage'));
const PrintPage = lazy(() => import('../money/PrintPage'));

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/boards" replace /> },
      { path: 'boards', element: <BoardsPage /> },
      { path: 'orders/new', element: <CreateOrderPage /> },
      { path: 'orders/:id', element: <OrderDetailPage /> },
      { path: 'stock', element: <StockPage /> },
      { path: 'stock/scan', element: <ScanStockPage /> },
      { path: 'tasks', element: <TasksPage /> },
      { path: 'workflows', element: <WorkflowsPage /> },
      { path: 'scans', element: <ScanLogPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'labels', element: <LabelsPage /> },
      { path: 'operators/:id/badge', element: <BadgePage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'parcels', element: <ParcelsPage /> },
      { path: 'parcels/exceptions', element: <ExceptionsPage /> },
      { path: 'parcels/print', element: <ParcelsPrintPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'till', element: <TillPage /> },
      { path: 'returns', element: <ReturnsPage /> },
      { path: 'print/:kind/:orderId', element: <PrintPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];
