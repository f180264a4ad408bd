import type { Checked } from './checked';
import type { InventoryLocation } from './inventory-error';
import type { InventoryErrorList } from './inventory-error-list';

/**
 * Checks the fields of one entity, reporting every bad one rather than stopping at the first,
 * and remembers whether all passed so that only complete entities enter the plan.
 */
export class FieldCollector {
  private failed = false;

  constructor(private readonly errors: InventoryErrorList) {}

  get ok(): boolean {
    return !this.failed;
  }

  /** The checked value, or undefined after reporting why it was refused. */
  take<T>(at: InventoryLocation, checked: Checked<T>): T | undefined {
    if (checked.ok) return checked.value;
    this.fail(at, checked.message);
    return undefined;
  }

  fail(at: InventoryLocation, message: string | (() => string)): void {
    this.failed = true;
    this.errors.add(at, message);
  }
}
