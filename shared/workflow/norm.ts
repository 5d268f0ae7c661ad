// An action's name as definitions and commands compare it. Its own module: the interpreter
// needs only this of check.ts, whose definition schemas (zod) the window's start does not.
export function norm(action: string): string {
  return action.trim().toLowerCase();
}
