// `npm run dist` packages what it should, the way it should: installers for Windows, macOS
// and Linux, the fuses that keep the packaged binary from running as plain Node, only the two
// build outputs in app.asar, and an icon for every platform.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(ROOT, file));

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  electronFuses: Record<string, boolean>;
  win: { icon: string; target: Target[] };
  nsis: { deleteAppDataOnUninstall: boolean };
  mac: { icon: string; target: Target[]; hardenedRuntime: boolean };
  linux: { icon: string; target: Target[] };
}

const config = load(read('build/electron-builder.yml').toString('utf8')) as BuilderConfig;
const pkg = JSON.parse(read('package.json').toString('utf8')) as { main: string; scripts: Record<string, string>; devDependencies: Record<string, string> };

const targets = (list: Target[]) => list.map((t) => t.target);

describe('npm run dist', () => {
  it('builds the production renderer and the shell, then packages with this config', () => {
    expect(pkg.scripts.dist).toBe('npm run build && npm run build:electron && electron-builder --config build/electron-builder.yml');
    // The production build: the e2e hook (vite build --mode e2e) never ships.
    expect(pkg.scripts.build).toBe('vite build');
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
  });

  it('makes installers for Windows, macOS and Linux', () => {
    expect(targets(config.win.target)).toEqual(['nsis']);
    expect(targets(config.mac.target)).toEqual(['dmg']);
    expect(config.mac.target[0]!.arch).toEqual(['x64', 'arm64']);
    expect(targets(config.linux.target)).toEqual(['AppImage', 'deb']);
    expect(config.appId).toBe('app.counterflow');
    expect(config.productName).toBe('Counterflow');
  });

  it('keeps the shop data when the app is uninstalled', () => {
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('flips the fuses: no running as Node, no inspector, only the integrity-checked asar', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it('packs the two build outputs and package.json, no node_modules and no source maps', () => {
    expect(config.files).toEqual(['dist/**/*', 'dist-electron/**/*', 'package.json', '!**/node_modules/**/*', '!**/*.map']);
    // The main entry the package starts is one of the packed build outputs.
    expect(pkg.main).toBe('dist-electron/main.js');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });
});

describe('icons in build/', () => {
  it('Linux: a 512x512 PNG', () => {
    expect(config.linux.icon).toBe('build/icon.png');
    const png = read(config.linux.icon);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('Windows: an ICO with a 256x256 image among smaller ones', () => {
    expect(config.win.icon).toBe('build/icon.ico');
    const ico = read(config.win.icon);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (let i = 0; i < count; i++) {
      const [size, offset] = [ico.readUInt32LE(6 + i * 16 + 8), ico.readUInt32LE(6 + i * 16 + 12)];
      expect(offset + size).toBeLessThanOrEqual(ico.length);
      expect(ico.subarray(offset, offset + 4).toString('latin1')).toBe('\x89PNG');
    }
  });

  it('macOS: an ICNS holding a 512x512 image, its length as declared', () => {
    expect(config.mac.icon).toBe('build/icon.icns');
    const icns = read(config.mac.icon);
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.toString('ascii', at, at + 4));
    expect(types).toEqual(expect.arrayContaining(['ic08', 'ic09']));
  });

  it('the app itself: renderer/public/icon.png (copied to dist/) is the favicon and the window icon', () => {
    const png = read('renderer/public/icon.png');
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);
    expect(read('renderer/index.html').toString()).toMatch(/<link rel="icon" type="image\/png" href="\.\/icon\.png" \/>/);
    expect(read('electron/main.ts').toString()).toMatch(/icon: WINDOW_ICON,/);
  });

  it('every icon the config names exists', () => {
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) expect(existsSync(path.join(ROOT, icon)), icon).toBe(true);
  });
});
