// The workflow definitions this window knows, read once for the whole window: the installed
// ones from Dexie (live), or the built-in ones until the engine has installed them.
// Everything the UI derives from definitions (board columns, English labels, which refund
// states are open, the roles) comes from here, so custom workflows show up without code changes.
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { db } from '../db';
import { BUILT_IN, buildCatalog, looksLikeDefinition, type WorkflowCatalog } from './buildCatalog';

export { buildCatalog } from './buildCatalog';
export type { BoardColumnDef, CatalogRole, VoucherConfig, WorkflowCatalog } from './buildCatalog';

const builtInCatalog = buildCatalog(BUILT_IN);
const BUILT_IN_KEYS = new Set(BUILT_IN.map((d) => `${d.id}@${d.version}`));
const CatalogContext = createContext<WorkflowCatalog>(builtInCatalog);

export function WorkflowCatalogProvider({ children }: { children: ReactNode }) {
  const rows = useLiveQuery(() => db.workflows.toArray(), []);
  const catalog = useMemo(() => {
    const installed = (rows ?? []).map((r) => r.definition).filter(looksLikeDefinition);
    // Installed = built-in (the usual case): keep the same catalog, so the board's columns
    // and their queries are not rebuilt when the installed rows arrive at start-up.
    const same = installed.length === BUILT_IN.length && installed.every((d) => BUILT_IN_KEYS.has(`${d.id}@${d.version}`));
    return installed.length && !same ? buildCatalog(installed) : builtInCatalog;
  }, [rows]);
  return <CatalogContext.Provider value={catalog}>{children}</CatalogContext.Provider>;
}

export function useWorkflowCatalog(): WorkflowCatalog {
  return useContext(CatalogContext);
}
