// js-yaml comes with electron-builder (which reads build/electron-builder.yml with it) and
// ships no types; this is the one function tests/dist-config.test.ts uses.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
