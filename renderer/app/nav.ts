// The navbar, in order. Alt+1..9 jump to these screens. To add a screen: add a route in
// routes.tsx, an entry here (if it belongs in the navbar) and its `nav.*` + screen keys in i18n.
import {
  IconAdjustmentsHorizontal,
  IconBarcode,
  IconBuildingWarehouse,
  IconCashRegister,
  IconArrowBackUp,
  IconClockHour4,
  IconLayoutKanban,
  IconListSearch,
  IconPackages,
  IconSearch,
  IconShoppingCartPlus,
  IconTags,
  IconTopologyStar3,
  type Icon,
} from '@tabler/icons-react';

export interface NavEntry {
  path: string;
  /** i18n key of the label. */
  labelKey: string;
  icon: Icon;
  /** Other paths that highlight this entry (e.g. an order's detail highlights Boards). */
  alsoActive?: RegExp;
  /** Only for supervisors (Platform or Admin): hidden from others, and the screen refuses them. */
  supervisors?: true;
}

export const NAV: NavEntry[] = [
  { path: '/boards', labelKey: 'nav.boards', icon: IconLayoutKanban, alsoActive: /^\/orders\/(?!new)/ },
  { path: '/orders/new', labelKey: 'nav.createOrder', icon: IconShoppingCartPlus },
  { path: '/stock', labelKey: 'nav.stock', icon: IconBuildingWarehouse },
  { path: '/tasks', labelKey: 'nav.tasks', icon: IconClockHour4 },
  { path: '/workflows', labelKey: 'nav.workflows', icon: IconTopologyStar3 },
  { path: '/scans', labelKey: 'nav.scanLog', icon: IconBarcode },
  { path: '/settings', labelKey: 'nav.settings', icon: IconAdjustmentsHorizontal, alsoActive: /^\/operators\// },
  { path: '/labels', labelKey: 'nav.labels', icon: IconTags },
  { path: '/audit', labelKey: 'nav.audit', icon: IconListSearch, supervisors: true },
  // After the others: Alt+1..8 keep the screens people learnt them for.
  { path: '/parcels', labelKey: 'nav.parcels', icon: IconPackages },
  { path: '/search', labelKey: 'nav.search', icon: IconSearch },
  { path: '/till', labelKey: 'nav.till', icon: IconCashRegister },
  { path: '/returns', labelKey: 'nav.returns', icon: IconArrowBackUp },
];
