// A due timer fires: its action as the system, or its flag — unless its entity has moved on.
import type { Refused } from '../../api';
import type { EventData } from '../../db/rows';
import { OrderWork, type OrderSnapshot } from '../work';
import { EngineRefusal, refused, type EventMeta } from '../command';
import { guarded, type Decision, type EngineEnv } from './env';
import { perform } from './perform';

export type TimerOutcome = { ok: true; fired: boolean; outcome: string };

export function decideTimer(env: EngineEnv, snapshot: OrderSnapshot, meta: EventMeta, timerId: string): Decision<TimerOutcome | Refused> {
  const wf = env.registry.get(snapshot.order.workflowId, snapshot.order.workflowVersion);
  const work = new OrderWork(snapshot, wf, meta, env.newId);
  return guarded(work, (): TimerOutcome | Refused => {
    const timer = work.timers.get(timerId);
    if (!timer || timer.status !== 'pending') return refused('not-found', 'That timer is no longer pending.', { reason: 'timer-not-pending' });
    const finish = (status: 'fired' | 'skipped', outcome: string, data: EventData): TimerOutcome => {
      work.putTimer({ ...timer, status, doneAt: meta.at, outcome });
      work.event(status === 'fired' ? 'timer-fired' : 'timer-skipped', {
        entity: timer.target,
        role: timer.role,
        action: timer.action ?? `set ${timer.setFlag}`,
        detail: outcome,
        data,
      });
      return { ok: true, fired: status === 'fired', outcome };
    };
    const entity = work.entity(timer.target);
    const subject = work.subject(timer.target);
    if (!entity || !subject) return finish('skipped', 'its entity is gone', { reason: 'entity-gone' });
    if (entity.stateVersion !== timer.stateVersion) {
      return finish('skipped', `the ${timer.target.kind} has left the state it was in (now ${entity.state})`, { reason: 'moved-on', kind: timer.target.kind, state: entity.state });
    }
    if (timer.setFlag) {
      work.setFlag(timer.setFlag);
      return finish('fired', `${timer.setFlag} set`, { reason: 'flag-set', flag: timer.setFlag });
    }
    if (timer.guard && !wf.evaluate(timer.guard, subject, work.context())) {
      if (timer.onBlockedFlag) work.setFlag(timer.onBlockedFlag);
      return finish('skipped', `not done: it needs ${wf.describe(timer.guard)}${timer.onBlockedFlag ? `; ${timer.onBlockedFlag} set` : ''}`, {
        reason: 'guard-blocked',
        kind: timer.target.kind,
        guard: JSON.stringify(timer.guard),
        flag: timer.onBlockedFlag ?? null,
      });
    }
    // Its action would change nothing now (a person already did what it was waiting to do,
    // e.g. expired the codes by hand): skipped, not recorded as a second identical step.
    const verdict = wf.resolve(subject, work.context(), timer.role, timer.action!, { system: true });
    if ((!verdict.ok && verdict.code === 'no-change') || (verdict.ok && wf.changesNothing(verdict.row, subject, work.context()))) {
      return finish('skipped', 'nothing left to change', { reason: 'no-change', kind: timer.target.kind, state: entity.state });
    }
    // Mark the timer first so the action's own effects see it as done.
    work.putTimer({ ...timer, status: 'fired', doneAt: meta.at });
    const result = perform(env, work, timer.target, timer.role, timer.action!, { system: true, depth: 0 });
    // The workflow refuses its own timer's action although the entity never left the state
    // it was scheduled in: a definition problem, so the firing fails (retried, then shown).
    if (!result.ok) throw new EngineRefusal(result);
    return finish('fired', `${entity.state}`, { reason: 'moved', kind: timer.target.kind, state: entity.state });
  });
}
