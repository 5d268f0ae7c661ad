// The counter's own configuration as commands: installing a workflow definition and
// changing a setting, through the same pipeline as every other write; and the scan log.
import type { InstallWorkflowResult, Refused, ScanInput } from '../api';
import type { CounterDb } from '../db/database';
import { newId } from '../ids';
import { LIMITS } from '../limits';

const { MAX_SCAN_LENGTH } = LIMITS;
import { LIVE_SETTING_KEYS, settingProblems, settingSchemas, type SettingKey } from '../settings/settings';
import { ADMIN_ROLE, normalRole } from '../operators/permissions';
import { loadDefinition, type Problem } from '../workflow/check';
import { Workflow } from '../workflow/interpreter';
import { describeIssues, parseArg, refused, unreadable, type CommandKind, type CommandMeta } from './command';
import { commandOptionsSchema, settingOptionsSchema } from './input';
import { runCommand } from './pipeline';
import type { CommandStorage } from './storage';
import type { WorkflowSource } from './workflowLoader';

export interface AdminContext {
  storage: CommandStorage;
  /** Where scans are logged (the counter's Dexie table); a storage without a scan log
   *  (the sync server) leaves it out and scans are not logged. */
  db?: Pick<CounterDb, 'scans'>;
  source: WorkflowSource;
  deviceId: string;
  /** Who the next command is made as (the signed-in operator, else the configured one). */
  operator: () => string;
  now: () => number;
  /** Told of every setting saved here (the engine follows the single operator's name). */
  onSetting?: (key: SettingKey, value: unknown) => void;
}

function isSettingKey(key: unknown): key is SettingKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(settingSchemas, key);
}

/** A caller's value as text: strings, numbers and booleans as they read; anything else
 *  (an object whose toString is missing or throws, a symbol) as nothing. */
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';

const oneLine = (value: unknown, max: number): string => textOf(value).replace(/\p{Cc}/gu, ' ').slice(0, max);

export function createAdminCommands(ctx: AdminContext) {
  const meta = (kind: CommandKind, commandId?: string, role?: string): CommandMeta => ({ commandId: commandId ?? newId(), kind, deviceId: ctx.deviceId, operator: ctx.operator(), at: ctx.now(), ...(role === undefined ? {} : { role }) });

  async function installWorkflow(json: unknown, options?: unknown): Promise<InstallWorkflowResult> {
    const withProblems = (r: Refused, problems: Problem[] = [{ path: '$', message: r.message }]) => ({ ...r, problems });
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return withProblems(o.refusal);
    // Checked inside the transaction: the periods it may use are the counter's own (preset
    // and custom lengths), read with everything else the command decides from.
    let installed: Workflow | undefined;
    const m = meta('install-workflow', o.value?.commandId);
    const result = await runCommand(ctx.storage, m, json, async (tx) => {
      const settings = await tx.settings();
      const loaded = loadDefinition(json, ctx.source.handlerNames, { periods: settings.periods });
      if (!loaded.ok) {
        const n = loaded.problems.length;
        return { result: refused('invalid-input', `The definition has ${n} problem${n === 1 ? '' : 's'}; nothing was installed.`, { reason: 'definition-problems', problems: n }, loaded.problems) };
      }
      const { id, version } = loaded.definition;
      if (await tx.workflow(id, version)) {
        const message = `Version ${version} of ${id} is installed already; raise the version.`;
        return { result: refused('invalid-input', message, { reason: 'workflow-version-installed', id, version }, [{ path: '$.version', message }]) };
      }
      installed = new Workflow(loaded.definition);
      return {
        result: { ok: true as const, id, version },
        write: (w) => w.addWorkflow({ id, version, definition: loaded.definition, installedAt: m.at }),
      };
    });
    if (!result.ok) return withProblems(result, Array.isArray(result.details) ? (result.details as Problem[]) : undefined);
    if (installed) ctx.source.registry.add(installed);
    return result;
  }

  async function setSetting(key: unknown, value: unknown, options?: unknown): Promise<{ ok: true } | Refused> {
    if (!isSettingKey(key)) {
      return refused('invalid-input', `Unknown setting ${oneLine(key, 40)}; the settings are ${Object.keys(settingSchemas).join(', ')}.`, { reason: 'unknown-setting', field: 'key', key: oneLine(key, 40) });
    }
    const o = parseArg(settingOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    let parsed: ReturnType<(typeof settingSchemas)[typeof key]['safeParse']>;
    try {
      parsed = settingSchemas[key].safeParse(value);
    } catch (error) {
      return unreadable(error, key);
    }
    if (!parsed.success) return refused('invalid-input', `${key}: ${describeIssues(parsed.error)}`, { reason: 'bad-field', field: key, issues: settingProblems(key, parsed.error) });
    const role = o.value?.role;
    // With operators, the pipeline checks the operator may take Admin (the kind's role); the
    // acting role is checked here too, so a clerk switched to another role is refused as well.
    // The role goes in the meta (and the stored command): a pushed setting carries it, so the
    // server checks a live setting's Admin role as this counter did.
    const m = meta('set-setting', o.value?.commandId, role);
    const result = await runCommand(ctx.storage, m, { key, value: parsed.data }, async () => {
      if (LIVE_SETTING_KEYS.has(key) && normalRole(role ?? '') !== ADMIN_ROLE) {
        return {
          result: refused('role-not-permitted', `"${key}" changes how the live counter works: only the Admin role may change it. Switch to Admin, then try again; nothing was changed.`, {
            reason: 'admin-setting',
            setting: key,
            role: ADMIN_ROLE,
            operator: m.operator,
          }),
        };
      }
      return { result: { ok: true as const }, write: (w) => w.putSetting(key, parsed.data) };
    });
    if (result.ok) ctx.onSetting?.(key, parsed.data);
    return result;
  }

  /** The scan log is a record of what the scanner read, not a command: appended as it
   *  comes, cut to printable text of bounded length, never refused. */
  async function logScan(scan: ScanInput): Promise<void> {
    try {
      const s = (typeof scan === 'object' && scan !== null ? scan : {}) as Partial<Record<keyof ScanInput, unknown>>;
      // The sync server keeps no scan log (it has no db here).
      await ctx.db?.scans.add({
        at: ctx.now(),
        raw: textOf(s.raw).slice(0, MAX_SCAN_LENGTH),
        type: oneLine(s.type, 40),
        screen: oneLine(s.screen, 40),
        ok: s.ok === true,
        message: oneLine(s.message, 500),
        operator: ctx.operator(),
        deviceId: ctx.deviceId,
        ...(s.role === undefined ? {} : { role: oneLine(s.role, 8) }),
      });
    } catch {
      // a lost log line must never stop the counter (nor a scan whose fields cannot be read)
    }
  }

  return { installWorkflow, setSetting, logScan };
}
