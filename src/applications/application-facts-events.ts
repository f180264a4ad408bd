import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What changed what an application runs or what its requirements scan says, for modules that derive state from those facts. */
export interface ApplicationFactsChanged {
  applicationIds: readonly string[];
  kind: 'DEPLOYMENT' | 'SCAN';
  /** The deployment or snapshot id (null for a batch, such as an inventory import). */
  ref: string | null;
  /** Readable: "deployment of 37.22.0 to PROD by dev@example.edu". */
  description: string;
  at: Date;
}

export type ApplicationFactsListener = (event: ApplicationFactsChanged, manager: EntityManager) => Promise<void>;

/**
 * Deployments and snapshots announce new facts about applications here, inside their writing
 * transaction, so that modules built on them (migration tracking) recompute in the same
 * transaction without the writers depending on them. Listeners register in `onModuleInit`.
 */
@Injectable()
export class ApplicationFactsEvents {
  private readonly listeners: ApplicationFactsListener[] = [];

  onChanged(listener: ApplicationFactsListener): void {
    this.listeners.push(listener);
  }

  async changed(event: ApplicationFactsChanged, manager: EntityManager): Promise<void> {
    if (event.applicationIds.length === 0) return;
    for (const listener of this.listeners) await listener(event, manager);
  }
}
