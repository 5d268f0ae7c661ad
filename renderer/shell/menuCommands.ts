// The native File menu's commands (Electron): the screen on show may answer one with its own
// code (the stock screen's CSV export, the label sheet's print); otherwise the app-wide
// default runs. Either way it is the same code the screen's buttons run.
import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../platform';

type Handler = () => void;

// Latest registration last: the screen mounted most recently answers.
const screenHandlers = new Map<MenuCommand, Array<{ current: Handler }>>();

/** While the calling screen is shown, it answers `command` from the menu. */
export function useMenuCommand(command: MenuCommand, handler: Handler): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    const list = screenHandlers.get(command) ?? [];
    list.push(ref);
    screenHandlers.set(command, list);
    return () => {
      const at = list.indexOf(ref);
      if (at >= 0) list.splice(at, 1);
    };
  }, [command]);
}

/** Runs the shown screen's answer to `command`, or `fallback` when no screen has one. */
export function dispatchMenuCommand(command: MenuCommand, fallback: Handler): void {
  const list = screenHandlers.get(command);
  const handler = list?.[list.length - 1];
  (handler ? handler.current : fallback)();
}
