import type { InventoryError, InventoryLocation } from './inventory-error';
import { WHOLE_FILE } from './inventory-error';

/**
 * Collects errors up to a limit and counts the rest. A hostile or badly broken file can produce
 * an error per cell; an answer with a million errors helps nobody and costs memory, while the
 * count still tells the admin how much is wrong.
 */
export class InventoryErrorList {
  private readonly kept: InventoryError[] = [];
  private omitted = 0;

  constructor(private readonly limit: number) {}

  /**
   * A message that costs work to build (a "did you mean" search) may be passed as a function:
   * it is only called for errors that are kept, so a hostile file with a million bad cells
   * does not pay for a million discarded messages.
   */
  add(at: InventoryLocation, message: string | (() => string)): void {
    if (this.kept.length < this.limit) {
      this.kept.push({ row: at.row, path: at.path, column: at.column, message: typeof message === 'string' ? message : message() });
    } else {
      this.omitted += 1;
    }
  }

  get count(): number {
    return this.kept.length + this.omitted;
  }

  /** The kept errors, plus one closing error that counts the ones left out. */
  toArray(): InventoryError[] {
    if (this.omitted === 0) return [...this.kept];
    const more = `${this.omitted} more error${this.omitted === 1 ? '' : 's'} not listed (only the first ${this.limit} are shown); fix these and upload again`;
    return [...this.kept, { ...WHOLE_FILE, message: more }];
  }
}
