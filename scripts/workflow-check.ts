// npm run workflow:check FILE [FILE...] — checks workflow definitions whole and prints every
// problem with its JSON path, for a person editing one. Exit code 1 when any file has problems.
import { readFileSync, statSync } from 'node:fs';
import { loadDefinition } from '../shared/workflow/check';
import { BUILT_IN_HANDLER_NAMES } from '../shared/workflow/handlerNames';
import { LIMITS } from '../shared/limits';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: npm run workflow:check -- FILE.json [FILE.json ...]');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  let json: unknown;
  try {
    // Refused before it is read: a huge file would cost memory and time to parse at all.
    const bytes = statSync(file).size;
    if (bytes > LIMITS.MAX_WORKFLOW_BYTES) {
      console.log(`${file}: 1 problem`);
      console.log(`  $: The file is ${bytes} bytes; a definition may be at most ${LIMITS.MAX_WORKFLOW_BYTES} bytes (MAX_WORKFLOW_BYTES).`);
      failed = true;
      continue;
    }
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.log(`${file}: cannot read as JSON: ${(error as Error).message}`);
    failed = true;
    continue;
  }
  const result = loadDefinition(json, BUILT_IN_HANDLER_NAMES);
  if (result.ok) {
    const d = result.definition;
    console.log(`${file}: OK — ${d.id} v${d.version}, ${Object.keys(d.machines).length} machines, ${Object.values(d.machines).reduce((n, m) => n + m.transitions.length, 0)} transitions`);
  } else {
    failed = true;
    console.log(`${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`);
    for (const p of result.problems) console.log(`  ${p.path}: ${p.message}`);
  }
}
process.exit(failed ? 1 : 0);
