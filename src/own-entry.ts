/**
 * An entry of a table by a name that came from outside (a button's step, a word typed) — its own
 * entries only: a crafted name such as «constructor» or «__proto__» must not reach Object's
 * prototype.
 */
export function ownEntry<T>(table: Record<string, T> | undefined, name: string): T | undefined {
  return table && Object.hasOwn(table, name) ? table[name] : undefined;
}
