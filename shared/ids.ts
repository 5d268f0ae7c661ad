// One place for identifiers. crypto.randomUUID exists in Node 20, windows and workers.
export function newId(): string {
  return crypto.randomUUID();
}
