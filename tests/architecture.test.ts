// Enforces the import arrows of DESIGN.md ("Layers, and who may import whom") by reading the
// imports of every .ts/.tsx file, so the layering cannot rot silently:
//   shared/    no DOM, no Node, no Electron, no React; never renderer/ electron/ server/;
//              inside it, the arrows between its modules (SHARED_NEVER below)
//   renderer/  never electron/ or server/ (nor the 'electron' package)
//   electron/  never renderer/ or server/; shared/ at most as `import type`
//   server/    never renderer/ or electron/ (nor the 'electron' package)
//   e2e/       drives the built app from outside: shared/ for fixtures and types, never
//              renderer/ or server/, and of electron/ only its IPC contract
//   bench/     never electron/ or e2e/; renderer/ only from bench/page/ (see BENCH_PAGE)
//   and no production layer imports e2e/ or bench/.
// Imports are read with the TypeScript parser (not regexes), so comments and strings that
// merely mention a module do not count, and `import type` is told apart from value imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAYERS = ['shared', 'renderer', 'electron', 'server', 'e2e', 'bench'] as const;
type Layer = (typeof LAYERS)[number];

interface ImportRef {
  specifier: string;
  /** 1-based line of the import, for the failure message. */
  line: number;
  /** `import type …` / `export type … from` / `import('x').T` in a type position: erased at build. */
  typeOnly: boolean;
}

interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  layer: Layer;
  text: string;
}

// --- collecting files and imports ------------------------------------------------------------

function listSources(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return []; // a layer that does not exist yet (server/) has nothing to check
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listSources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function loadLayer(layer: Layer): SourceFile[] {
  return listSources(path.join(ROOT, layer)).map((full) => ({
    file: path.relative(ROOT, full).split(path.sep).join('/'),
    layer,
    text: readFileSync(full, 'utf8'),
  }));
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function stringArg(node: ts.Node | undefined): string | null {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
}

/** Every module a file pulls in: import/export-from, import(), require(), and Vite's
 * `new URL('./x.ts', import.meta.url)` (how workers and assets are referenced). */
export function collectImports(file: string, text: string): ImportRef[] {
  const source = parse(file, text);
  const found: ImportRef[] = [];
  const add = (specifier: string, node: ts.Node, typeOnly: boolean): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ specifier, line, typeOnly });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const spec = stringArg(node.moduleSpecifier);
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (spec !== null) add(spec, node, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const spec = stringArg(node.moduleSpecifier);
      const typeOnly =
        node.isTypeOnly ||
        (!!node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      if (spec !== null) add(spec, node, typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const spec = stringArg(node.moduleReference.expression);
      if (spec !== null) add(spec, node, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      const spec = ts.isLiteralTypeNode(arg) ? stringArg(arg.literal) : null;
      if (spec !== null) add(spec, node, true);
    } else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const spec = stringArg(node.arguments[0]);
      if ((isDynamicImport || isRequire) && spec !== null) add(spec, node, false);
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      const [first, second] = node.arguments ?? [];
      const spec = stringArg(first);
      const base = second?.getText(source).replace(/\s/g, '');
      if (spec !== null && base === 'import.meta.url' && /^\.\.?\//.test(spec)) add(spec, node, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `window.x` / `document.x` (and `window['x']`) in code, ignoring comments and strings. */
export function collectDomGlobals(file: string, text: string): { name: string; line: number }[] {
  const source = parse(file, text);
  const found: { name: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 'window' || node.expression.text === 'document')
    ) {
      found.push({
        name: node.getText(source).slice(0, 60),
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// --- classifying an import -------------------------------------------------------------------

type Target =
  | { kind: 'layer'; layer: Layer }
  | { kind: 'project'; folder: string } // e2e/, bench/, scripts/, a root file...
  | { kind: 'outside' } // a relative path leaving the repository (../shared/reference beside it)
  | { kind: 'package'; name: string };

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');
}

export function classify(fromFile: string, specifier: string): Target {
  if (!isRelative(specifier)) {
    // Bare specifier: a package or a built-in. Keep the scope for scoped packages.
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
    return { kind: 'package', name };
  }
  const target = specifier.startsWith('/')
    ? path.posix.normalize(specifier).slice(1)
    : path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  if (target === '..' || target.startsWith('../')) return { kind: 'outside' };
  const top = target.split('/')[0] ?? '';
  return (LAYERS as readonly string[]).includes(top) ? { kind: 'layer', layer: top as Layer } : { kind: 'project', folder: top };
}

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0] ?? '');
}

/** Packages that only make sense with a DOM and/or React: never in the pure domain. */
function isDomOrReactPackage(name: string): boolean {
  return (
    /^react($|-)/.test(name) || // react, react-dom, react-router-dom, react-i18next, ...
    /(^|[-/])react($|-)/.test(name) || // dexie-react-hooks, @tabler/icons-react, @tanstack/react-virtual
    name.startsWith('@mantine/') ||
    name.startsWith('@testing-library/')
  );
}

function isTestFile(file: string): boolean {
  return /\.(test|spec)\.tsx?$/.test(file);
}

/**
 * Test code that runs under Node only: test files plus their helpers (a `testing/` folder,
 * `test-fixtures.ts`, `*.fixtures.ts`). They may use Node built-ins and fake-indexeddb; in
 * exchange, production code must never import them.
 */
function isTestSupport(file: string): boolean {
  return (
    isTestFile(file) ||
    /(^|\/)(testing|__tests__|test-utils)\//.test(file) ||
    /(^|\/)test-fixtures(\.tsx?)?$/.test(file) ||
    /\.fixtures?(\.tsx?)?$/.test(file)
  );
}

function resolvedPath(fromFile: string, specifier: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
}

// --- the arrows inside shared/ ----------------------------------------------------------------

/**
 * shared/'s modules: a top folder (engine, workflow, ...) or a root file (api, ids, ...).
 * For each, the modules it must never import. Production code only: tests and their helpers
 * may wire modules together (an engine run inside a db migration test, say).
 * Nothing imports the public surface (index) or the demo data generator (demo), so no cycle
 * runs through them; the engine knows no demo data, and the built-in definitions are checked
 * against handler names kept beside the checker (workflow/handlerNames.ts), not the engine.
 */
const SHARED_NEVER: Readonly<Record<string, { never: readonly string[]; why: string }>> = {
  index: { never: [], why: 'the public surface re-exports the rest' },
  ids: { never: ['api', 'barcode', 'db', 'demo', 'engine', 'index', 'inventory', 'operators', 'random', 'settings', 'workflow', 'workflows'], why: 'a utility every module may use' },
  random: { never: ['api', 'barcode', 'db', 'demo', 'engine', 'ids', 'index', 'inventory', 'operators', 'settings', 'workflow', 'workflows'], why: 'a utility every module may use' },
  fileText: { never: ['api', 'barcode', 'db', 'demo', 'engine', 'ids', 'index', 'inventory', 'operators', 'random', 'settings', 'workflow', 'workflows'], why: 'a file\'s text checked before any reader parses it: a utility every boundary may use' },
  limits: { never: ['api', 'barcode', 'db', 'demo', 'engine', 'ids', 'index', 'inventory', 'operators', 'random', 'settings', 'workflow', 'workflows'], why: 'the input limits every boundary checks against' },
  db: { never: ['api', 'barcode', 'demo', 'engine', 'index', 'inventory', 'operators', 'settings', 'workflow', 'workflows'], why: 'the stored rows sit under every rule' },
  barcode: { never: ['api', 'db', 'demo', 'engine', 'index', 'inventory', 'operators', 'settings', 'workflow', 'workflows'], why: 'scanner codes are read without the store or the rules' },
  settings: { never: ['demo', 'engine', 'index', 'inventory', 'operators', 'workflow', 'workflows'], why: 'settings are values the rules read' },
  api: { never: ['demo', 'index'], why: 'the command contract names results, not their makers' },
  refusals: { never: ['barcode', 'db', 'demo', 'engine', 'index', 'inventory', 'operators', 'settings', 'workflow', 'workflows', 'tracking', 'payments', 'search', 'sync'], why: 'the list of refusal situations is part of the command contract: it names, it decides nothing' },
  fieldProblems: { never: ['barcode', 'db', 'demo', 'engine', 'index', 'inventory', 'operators', 'settings', 'workflow', 'workflows', 'tracking', 'payments', 'search', 'sync'], why: 'a bad input\'s problems as data: it reads zod issues, it decides nothing' },
  workflow: { never: ['demo', 'engine', 'index', 'inventory', 'operators', 'workflows'], why: 'the interpreter reads definitions; it does not run commands or hold stock' },
  inventory: { never: ['demo', 'engine', 'index', 'operators', 'workflow', 'workflows'], why: 'stock rules run under the engine, not beside it' },
  workflows: { never: ['demo', 'engine', 'index', 'inventory', 'operators'], why: 'the built-in definitions are data for the interpreter' },
  operators: { never: ['barcode', 'demo', 'engine', 'index', 'inventory', 'settings', 'workflow', 'workflows'], why: 'who may take which role is a rule the engine applies, not one that runs commands' },
  engine: { never: ['demo', 'index'], why: 'the engine is what the public surface exports; demo data is one of its callers' },
  demo: { never: ['index'], why: 'demo data goes through the engine like any caller' },
  backup: { never: ['demo', 'engine', 'index', 'inventory', 'workflow', 'workflows'], why: 'a backup copies stored rows; it applies no rules' },
  tracking: { never: ['demo', 'index', 'inventory', 'operators', 'search'], why: 'shipments run through the engine\'s pipeline like any command; search reads them, not the other way' },
  search: { never: ['demo', 'engine', 'index', 'inventory', 'operators', 'workflow', 'workflows', 'backup'], why: 'search reads indexes; it runs no commands' },
  money: { never: ['api', 'barcode', 'db', 'demo', 'engine', 'ids', 'index', 'inventory', 'operators', 'random', 'settings', 'workflow', 'workflows'], why: 'amounts in minor units: arithmetic every module may use' },
  payments: { never: ['demo', 'index', 'operators', 'tracking', 'search'], why: 'payments are rows the engine\'s pipeline writes; nothing below them knows them' },
  sync: { never: ['demo', 'index'], why: 'sync sends the engine\'s commands and writes the server\'s rows; nothing under it knows the network' },
  host: { never: ['api', 'backup', 'barcode', 'db', 'demo', 'engine', 'index', 'inventory', 'settings', 'workflow', 'workflows'], why: 'the bridge contract between the shell and the window: types only' },
};

/** 'shared/engine/x.ts' -> 'engine'; 'shared/api.ts' or 'shared/api' -> 'api'; 'shared/workflows' -> 'workflows'. */
export function sharedModule(sharedPath: string): string {
  const name = sharedPath.split('/')[1] ?? '';
  return name.replace(/\.(d\.)?tsx?$/, '').replace(/\.json$/, '');
}

function sharedArrow(file: string, specifier: string): string | null {
  const from = sharedModule(file);
  const to = sharedModule(resolvedPath(file, specifier));
  const rule = SHARED_NEVER[from];
  if (!rule) return `shared/${from} has no place in SHARED_NEVER (tests/architecture.test.ts): say what it must never import`;
  if (from === to || !rule.never.includes(to)) return null;
  return `shared/${from} must not import shared/${to} (${rule.why})`;
}

/** The in-browser benchmark page: it measures renderer/ code as it ships, so it imports it. */
const BENCH_PAGE = 'bench/page/';
/** What e2e/ may see of electron/: the bridge's contract, which the shell test checks the preload against. */
const ELECTRON_CONTRACT = 'electron/ipc-contract';

/** Returns why an import breaks the arrows, or null when it is allowed. */
export function violation(layer: Layer, file: string, ref: ImportRef): string | null {
  const target = classify(file, ref.specifier);
  const pkg = target.kind === 'package' ? target.name : null;

  if (pkg === 'electron' || pkg?.startsWith('electron/')) {
    // e2e/ resolves the package to find the Electron binary it launches.
    if (layer !== 'electron' && layer !== 'e2e') return `${layer}/ must not import the 'electron' package`;
  }
  const isProduction = layer === 'shared' || layer === 'renderer' || layer === 'electron' || layer === 'server';
  if (isProduction && target.kind === 'layer' && (target.layer === 'e2e' || target.layer === 'bench')) {
    return `${layer}/ must not import ${target.layer}/`;
  }

  switch (layer) {
    case 'shared': {
      if (target.kind === 'layer' && target.layer !== 'shared') return `shared/ must not import ${target.layer}/`;
      if (isTestSupport(file)) return null; // tests run under Node: built-ins and fake-indexeddb are fine
      if (target.kind === 'layer' && isTestSupport(resolvedPath(file, ref.specifier))) {
        return 'shared/ production code must not import test helpers';
      }
      if (pkg && isNodeBuiltin(ref.specifier)) return 'shared/ must not import Node built-ins';
      if (pkg === 'fake-indexeddb') return "shared/ may use 'fake-indexeddb' only in tests and their helpers";
      if (pkg && isDomOrReactPackage(pkg)) return `shared/ must not import DOM/React packages (${pkg})`;
      if (target.kind === 'layer') return sharedArrow(file, ref.specifier);
      return null;
    }
    case 'renderer':
      if (target.kind === 'layer' && (target.layer === 'electron' || target.layer === 'server')) {
        return `renderer/ must not import ${target.layer}/`;
      }
      return null;
    case 'electron':
      if (target.kind === 'layer' && (target.layer === 'renderer' || target.layer === 'server')) {
        return `electron/ must not import ${target.layer}/`;
      }
      if (target.kind === 'layer' && target.layer === 'shared' && !ref.typeOnly) {
        return 'electron/ may import shared/ only as `import type`';
      }
      return null;
    case 'server':
      if (target.kind === 'layer' && (target.layer === 'renderer' || target.layer === 'electron')) {
        return `server/ must not import ${target.layer}/`;
      }
      return null;
    case 'e2e':
      if (target.kind !== 'layer') return null;
      if (target.layer === 'renderer' || target.layer === 'server' || target.layer === 'bench') {
        return `e2e/ drives the built app from outside: it must not import ${target.layer}/`;
      }
      if (target.layer === 'electron' && resolvedPath(file, ref.specifier).replace(/\.ts$/, '') !== ELECTRON_CONTRACT) {
        return `e2e/ may import of electron/ only its IPC contract (${ELECTRON_CONTRACT})`;
      }
      return null;
    case 'bench':
      if (target.kind !== 'layer') return null;
      if (target.layer === 'electron' || target.layer === 'e2e') return `bench/ must not import ${target.layer}/`;
      if (target.layer === 'renderer' && !file.startsWith(BENCH_PAGE)) {
        return `bench/ imports renderer/ only from its in-browser page (${BENCH_PAGE})`;
      }
      return null;
  }
}

function violationsOf(files: SourceFile[]): string[] {
  return files.flatMap(({ file, layer, text }) =>
    collectImports(file, text).flatMap((ref) => {
      const why = violation(layer, file, ref);
      return why ? [`${file}:${ref.line} imports '${ref.specifier}': ${why}`] : [];
    }),
  );
}

// --- the checks on the real tree ---------------------------------------------------------------

const sources = Object.fromEntries(LAYERS.map((layer) => [layer, loadLayer(layer)])) as Record<Layer, SourceFile[]>;

describe('import arrows (DESIGN.md)', () => {
  it('finds the code it is meant to check', () => {
    expect(sources.shared.length).toBeGreaterThan(0);
    expect(sources.electron.length).toBeGreaterThan(0);
    expect(sources.e2e.length).toBeGreaterThan(0);
    expect(sources.bench.length).toBeGreaterThan(0);
  });

  it('gives every shared/ module a place in the arrows inside shared/', () => {
    const modules = new Set(sources.shared.filter(({ file }) => !isTestSupport(file)).map(({ file }) => sharedModule(file)));
    expect([...modules].filter((m) => !(m in SHARED_NEVER))).toEqual([]);
  });

  it.each(LAYERS)('%s/ imports only what its layer may import', (layer) => {
    expect(violationsOf(sources[layer])).toEqual([]);
  });

  it('shared/ does not touch window or document', () => {
    const uses = sources.shared
      .filter(({ file }) => !isTestSupport(file))
      .flatMap(({ file, text }) =>
        collectDomGlobals(file, text).map((use) => `${file}:${use.line} uses '${use.name}': shared/ has no DOM`),
      );
    expect(uses).toEqual([]);
  });
});

// --- the checker checks itself, so a broken parser cannot pass silently ----------------------

describe('import-arrow checker', () => {
  const check = (file: string, text: string): string[] => {
    const layer = file.split('/')[0] as Layer;
    return violationsOf([{ file, layer, text }]);
  };

  it('reads every import form, ignoring comments and strings', () => {
    const text = [
      "import a from './a';",
      "import type { B } from '../b';",
      "import { type C, type D } from './c';",
      "export * from './e';",
      "export type { F } from './f';",
      "const g = await import('./g');",
      "const h = require('./h');",
      "type I = import('./i').I;",
      "const w = new Worker(new URL('./w.worker.ts', import.meta.url));",
      "// import x from 'electron'",
      "const s = \"import y from 'electron'\";",
    ].join('\n');
    const refs = collectImports('renderer/x.ts', text);
    expect(refs.map((r) => [r.specifier, r.typeOnly])).toEqual([
      ['./a', false],
      ['../b', true],
      ['./c', true],
      ['./e', false],
      ['./f', true],
      ['./g', false],
      ['./h', false],
      ['./i', true],
      ['./w.worker.ts', false],
    ]);
  });

  it('flags shared/ importing Node, Electron, React, DOM libraries and other layers', () => {
    const bad = check(
      'shared/engine/x.ts',
      [
        "import fs from 'node:fs';",
        "import path from 'path';",
        "import { readFile } from 'fs/promises';",
        "import { app } from 'electron';",
        "import React from 'react';",
        "import { useLiveQuery } from 'dexie-react-hooks';",
        "import { Button } from '@mantine/core';",
        "import { Shell } from '../../renderer/shell/Shell';",
        "import { x } from '../../electron/ipc-contract';",
        "import { y } from '../../server/db';",
        "import 'fake-indexeddb/auto';",
      ].join('\n'),
    );
    expect(bad).toHaveLength(11);
    expect(bad[0]).toBe("shared/engine/x.ts:1 imports 'node:fs': shared/ must not import Node built-ins");
    expect(bad[7]).toBe("shared/engine/x.ts:8 imports '../../renderer/shell/Shell': shared/ must not import renderer/");
  });

  it('lets shared/ tests use Node and fake-indexeddb, but not other layers', () => {
    const text = "import 'fake-indexeddb/auto';\nimport { readFileSync } from 'node:fs';\nimport { z } from '../../renderer/z';";
    expect(check('shared/engine/x.test.ts', text)).toEqual([
      "shared/engine/x.test.ts:3 imports '../../renderer/z': shared/ must not import renderer/",
    ]);
  });

  it('lets shared/ test helpers use fake-indexeddb, but not production code import them', () => {
    expect(check('shared/engine/testing/counter.ts', "import 'fake-indexeddb/auto';")).toEqual([]);
    expect(check('shared/inventory/test-fixtures.ts', "import { readFileSync } from 'node:fs';")).toEqual([]);
    expect(check('shared/engine/counter.ts', "import { testCounter } from './testing/counter';")).toEqual([
      "shared/engine/counter.ts:1 imports './testing/counter': shared/ production code must not import test helpers",
    ]);
    expect(check('shared/engine/counter.test.ts', "import { testCounter } from './testing/counter';")).toEqual([]);
  });

  it('allows shared/ its own packages (dexie, zod) and relative shared imports', () => {
    expect(check('shared/engine/x.ts', "import Dexie from 'dexie';\nimport { z } from 'zod';\nimport { a } from '../api';")).toEqual([]);
  });

  it('flags renderer/ importing electron/, server/ or the electron package', () => {
    expect(
      check(
        'renderer/platform/electron.ts',
        "import type { CounterflowBridge } from '../../electron/ipc-contract';\nimport { ipcRenderer } from 'electron';\nimport { s } from '../../server/x';\nimport { ok } from '../../shared/api';",
      ),
    ).toEqual([
      "renderer/platform/electron.ts:1 imports '../../electron/ipc-contract': renderer/ must not import electron/",
      "renderer/platform/electron.ts:2 imports 'electron': renderer/ must not import the 'electron' package",
      "renderer/platform/electron.ts:3 imports '../../server/x': renderer/ must not import server/",
    ]);
  });

  it('flags electron/ importing renderer/, server/ or shared/ values (types are fine)', () => {
    expect(
      check(
        'electron/main.ts',
        "import { App } from '../renderer/app/App';\nimport { s } from '../server/x';\nimport { act } from '../shared/index';\nimport type { ActResult } from '../shared/api';\nimport { app } from 'electron';",
      ),
    ).toEqual([
      "electron/main.ts:1 imports '../renderer/app/App': electron/ must not import renderer/",
      "electron/main.ts:2 imports '../server/x': electron/ must not import server/",
      "electron/main.ts:3 imports '../shared/index': electron/ may import shared/ only as `import type`",
    ]);
  });

  it('flags server/ importing renderer/ or electron/', () => {
    expect(check('server/sync.ts', "import { a } from '../renderer/a';\nimport { b } from '../electron/b';\nimport { c } from '../shared/api';")).toEqual([
      "server/sync.ts:1 imports '../renderer/a': server/ must not import renderer/",
      "server/sync.ts:2 imports '../electron/b': server/ must not import electron/",
    ]);
  });

  it('flags the arrows inside shared/, in production code only', () => {
    expect(
      check(
        'shared/workflow/interpreter.ts',
        "import type { OrderRow } from '../db/rows';\nimport { decide } from '../engine/decide';\nimport type { Level } from '../inventory/levels';\nimport { x } from './schema';",
      ),
    ).toEqual([
      "shared/workflow/interpreter.ts:2 imports '../engine/decide': shared/workflow must not import shared/engine (the interpreter reads definitions; it does not run commands or hold stock)",
      "shared/workflow/interpreter.ts:3 imports '../inventory/levels': shared/workflow must not import shared/inventory (the interpreter reads definitions; it does not run commands or hold stock)",
    ]);
    expect(check('shared/db/database.ts', "import { a } from '../api';\nimport { open } from '../index';")).toEqual([
      "shared/db/database.ts:1 imports '../api': shared/db must not import shared/api (the stored rows sit under every rule)",
      "shared/db/database.ts:2 imports '../index': shared/db must not import shared/index (the stored rows sit under every rule)",
    ]);
    expect(check('shared/inventory/levels.ts', "import { seedDemo } from '../demo/seed';")).toHaveLength(1);
    expect(check('shared/engine/counter.ts', "import { book } from '../inventory/book';\nimport { newId } from '../ids';")).toEqual([]);
    expect(check('shared/workflow/interpreter.test.ts', "import { decide } from '../engine/decide';")).toEqual([]);
    expect(check('shared/newthing/x.ts', "import { a } from '../db/rows';")).toEqual([
      "shared/newthing/x.ts:1 imports '../db/rows': shared/newthing has no place in SHARED_NEVER (tests/architecture.test.ts): say what it must never import",
    ]);
  });

  it('flags e2e/ importing renderer/ or electron/ internals, but not shared/ or the IPC contract', () => {
    expect(
      check(
        'e2e/electron/shell.spec.ts',
        "import { BRIDGE_FUNCTIONS } from '../../electron/ipc-contract';\nimport { createWindow } from '../../electron/main';\nimport { Shell } from '../../renderer/shell/Shell';\nimport { withCheckDigit } from '../../shared/barcode/index';\nimport { expect } from '@playwright/test';",
      ),
    ).toEqual([
      "e2e/electron/shell.spec.ts:2 imports '../../electron/main': e2e/ may import of electron/ only its IPC contract (electron/ipc-contract)",
      "e2e/electron/shell.spec.ts:3 imports '../../renderer/shell/Shell': e2e/ drives the built app from outside: it must not import renderer/",
    ]);
  });

  it('flags bench/ importing electron/ or e2e/, and renderer/ outside its page', () => {
    expect(check('bench/page/main.ts', "import { columnCounts } from '../../renderer/boards/queries';\nimport { openCounter } from '../../shared/index';")).toEqual([]);
    expect(
      check('bench/run.ts', "import { db } from '../renderer/db';\nimport { menu } from '../electron/menu';\nimport { openApp } from '../e2e/support/app';"),
    ).toEqual([
      "bench/run.ts:1 imports '../renderer/db': bench/ imports renderer/ only from its in-browser page (bench/page/)",
      "bench/run.ts:2 imports '../electron/menu': bench/ must not import electron/",
      "bench/run.ts:3 imports '../e2e/support/app': bench/ must not import e2e/",
    ]);
  });

  it('flags production layers importing e2e/ or bench/', () => {
    expect(check('renderer/app/App.tsx', "import { openApp } from '../../e2e/support/app';")).toEqual([
      "renderer/app/App.tsx:1 imports '../../e2e/support/app': renderer/ must not import e2e/",
    ]);
  });

  it('finds window./document. in code but not in comments or strings', () => {
    const text = "// window.alert\nconst s = 'document.title';\nconst t = window.location.href;\nconst u = document['title'];";
    expect(collectDomGlobals('shared/x.ts', text).map((u) => u.line)).toEqual([3, 4]);
  });
});
