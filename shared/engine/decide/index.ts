// The functional core: commands in, a result and a changeset out. Pure given its
// environment (clock value in meta, id and code generators, periods, handlers). One
// module per command; perform.ts is the transition and its effects they all share.
export { EngineRefusal, guarded, type Decision, type EffectHandler, type EngineEnv } from './env';
export { decideAct, decideActOnOrder } from './act';
export { creationStep, decideCreate, decideCreateParsed, formatOrderNumber, orderNumberPrefix, type CreateSnapshot } from './create';
export { decideTimer, type TimerOutcome } from './timer';
export { decideRedeem, unknownVoucherMessage } from './redeem';
export { perform } from './perform';
