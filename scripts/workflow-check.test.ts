// The person-facing checker: prints every problem with its JSON path and fails the exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (...files: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/workflow-check.ts', ...files], { encoding: 'utf8' });

describe('npm run workflow:check', () => {
  it('says OK for the built-in definitions', () => {
    const r = run('shared/workflows/product-order.json', 'shared/workflows/service-order.json');
    expect(r.status).toBe(0);
    const version = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { version: number }).version;
    expect(r.stdout).toContain(`shared/workflows/product-order.json: OK — product-order v${version('shared/workflows/product-order.json')}, 5 machines, 56 transitions`);
    expect(r.stdout).toContain(`service-order v${version('shared/workflows/service-order.json')}, 3 machines, 12 transitions`);
  });

  it('lists every problem of a broken definition with its path and exits 1', () => {
    const def = JSON.parse(readFileSync('shared/workflows/product-order.json', 'utf8'));
    def.machines.order.transitions[1].to = 'XX';
    def.postActions.order_created[0].action = 'no paymnt';
    const file = join(mkdtempSync(join(tmpdir(), 'wf-')), 'broken.json');
    writeFileSync(file, JSON.stringify(def));
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('$.machines.order.transitions[1].to: Unknown state "XX" in machine order.');
    expect(r.stdout).toContain('$.postActions.order_created[0].action: Timer names action "no paymnt", which no order machine has.');
  });

  it('reports a file that is not JSON', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wf-')), 'notjson.json');
    writeFileSync(file, '{ nope');
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('cannot read as JSON');
  });
});

describe('npm run workflow:check, bounds', () => {
  it('refuses a file larger than MAX_WORKFLOW_BYTES without parsing it', async () => {
    const { LIMITS } = await import('../shared/limits');
    const file = join(mkdtempSync(join(tmpdir(), 'wf-')), 'huge.json');
    writeFileSync(file, ' '.repeat(LIMITS.MAX_WORKFLOW_BYTES + 1));
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`a definition may be at most ${LIMITS.MAX_WORKFLOW_BYTES} bytes (MAX_WORKFLOW_BYTES)`);
  });
});
