/** The outcome of checking one value from the file: the normalised value, or why it was refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function valid<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function invalid(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

/** An optional field: empty (or only spaces) means absent, anything else must pass `check`. */
export function checkOptional<T>(text: string, check: (text: string) => Checked<T>): Checked<T | null> {
  return text.trim() === '' ? valid(null) : check(text);
}
