import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { CalendarDate } from '../calendar/calendar-date';
import type { ReleaseTrack } from './domain/release-track';

/** A release as it stands once the write that announces it has been made (inside its transaction). */
export interface ReleaseFacts {
  id: string;
  version: string;
  pythonVersion: string;
  track: ReleaseTrack;
  generalAvailability: CalendarDate;
  endOfSupport: CalendarDate;
  /** The version apps should move to, or null. */
  migrationTarget: string | null;
}

export interface ReleasePublished {
  release: ReleaseFacts;
  by: Principal;
  at: Date;
}

export interface EndOfSupportChanged {
  release: ReleaseFacts;
  previousEndOfSupport: CalendarDate;
  reason: string | null;
  by: Principal;
  at: Date;
}

/** Called with the writing transaction's manager: what a listener writes commits or rolls back with the release. */
export type ReleaseEventListener<E> = (event: E, manager: EntityManager) => Promise<void>;

/**
 * The catalog's announcements to other modules (notices, migrations), made inside the publishing or
 * date-changing transaction. Listeners register once at start-up (in `onModuleInit`) and run in
 * registration order; a listener that throws rolls the catalog change back.
 */
@Injectable()
export class ReleaseEvents {
  private readonly publishedListeners: ReleaseEventListener<ReleasePublished>[] = [];
  private readonly endOfSupportListeners: ReleaseEventListener<EndOfSupportChanged>[] = [];

  onPublished(listener: ReleaseEventListener<ReleasePublished>): void {
    this.publishedListeners.push(listener);
  }

  onEndOfSupportChanged(listener: ReleaseEventListener<EndOfSupportChanged>): void {
    this.endOfSupportListeners.push(listener);
  }

  async published(event: ReleasePublished, manager: EntityManager): Promise<void> {
    for (const listener of this.publishedListeners) await listener(event, manager);
  }

  async endOfSupportChanged(event: EndOfSupportChanged, manager: EntityManager): Promise<void> {
    for (const listener of this.endOfSupportListeners) await listener(event, manager);
  }
}
