// The names of the effect handlers the engine registers in code (engine/handlers.ts), so a
// definition can be checked without the engine: a definition naming another handler fails.
export const BUILT_IN_HANDLER_LIST = ['serviceRefundAmount'] as const;
export type BuiltInHandlerName = (typeof BUILT_IN_HANDLER_LIST)[number];
export const BUILT_IN_HANDLER_NAMES: ReadonlySet<string> = new Set(BUILT_IN_HANDLER_LIST);
