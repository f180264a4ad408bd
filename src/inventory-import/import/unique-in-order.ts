/** `items` without repeats, each where it first appeared. */
export function uniqueInOrder(items: readonly string[]): string[] {
  return [...new Set(items)];
}
