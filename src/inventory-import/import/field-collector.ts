import type { InventoryLocation } from './inventory-error';
import type { InventoryErrorList } from './inventory-error-list';

/**
 * Tracks the fields of one entity: every bad field is reported (rather than stopping at the
 * first), and `ok` says whether all passed, so that only complete entities enter the plan.
 */
export class FieldCollector {
  private failed = false;

  constructor(private readonly errors: InventoryErrorList) {}

  get ok(): boolean {
    return !this.failed;
  }

  fail(at: InventoryLocation, message: string | (() => string)): void {
    this.failed = true;
    this.errors.add(at, message);
  }
}
