const MAX_SHOWN = 60;

/**
 * A value from the file, quoted for a message. Long values are cut: the file is the admin's own,
 * so the start is enough to find it, and a hostile 10 MB cell must not be echoed back whole.
 */
export function showValue(value: string): string {
  const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  return JSON.stringify(cut);
}
