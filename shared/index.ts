// Public entry of the domain: the scripting API and the pieces the UI and server share.
export { openCounter, randomVoucherCode } from './engine/counter';
export type { CounterOptions, EngineCounter } from './engine/counter';
export type * from './api';
export type { EntityRef, OrderType } from './db/rows';
export { CounterDb, DEFAULT_DB_NAME } from './db/database';
export { loadDefinition, type Problem } from './workflow/check';
export { Workflow } from './workflow/interpreter';
export { WorkflowRegistry, BUILT_IN_DEFINITIONS, compileWorkflow } from './workflows';
export { PERIOD_PRESETS } from './settings/periods';
