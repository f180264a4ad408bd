import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { badInput } from '../common/errors/domain-error';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';
import { AdvisoryIndex, OsvValidationError, parseOsvJsonForImport, type Advisory, type OsvImportDocument } from '../requirements';
import { canonicalizeName } from '../requirements/pep508/name';
import { RevisionListener } from '../common/database/revision-listener';
import { ADVISORY_CHANNEL, AdvisoriesRepository } from './advisories.repository';
import { checkStorableAdvisory, MAX_ID_LENGTH as MAX_ADVISORY_ID_LENGTH } from './utils/check-storable-advisory';

export interface AdvisoryImportResult {
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Advisories about other ecosystems only: not stored. */
  skipped: string[];
}

export interface AdvisoryListFilter {
  package?: string | null;
}

/** Advisories are listed by id; a cursor holds the last id read. */
export const BY_ID = 'ID';
export type AdvisoryCursorKey = [id: string];
export const advisoriesCursor = cursorCodec<typeof BY_ID, AdvisoryCursorKey>('advisories', () => [cursorValue.text(MAX_ADVISORY_ID_LENGTH)]);

/**
 * Largest OSV document `importAdvisories` accepts (the request body limit is derived from it).
 * Bigger files, such as a full PyPI export, go through `npm run cli -- advisories:import`.
 */
export const MAX_ADVISORY_DOCUMENT_BYTES = 32 * 1024 * 1024;

/**
 * Stores OSV advisories and keeps, on every replica, the matcher the scanner uses. Imports bump
 * `advisory_revision` and NOTIFY in the same transaction; each replica LISTENs and rebuilds its
 * matcher when told, so a scan costs no database round trip while nothing changes. While the
 * listener is down (and outside Nest, as in the CLI), every scan checks the revision instead.
 */
@Injectable()
export class AdvisoriesService implements OnModuleInit, OnModuleDestroy {
  private index: { revision: number; index: AdvisoryIndex } | null = null;
  private building: { revision: number; promise: Promise<AdvisoryIndex> } | null = null;
  private newestKnownRevision = 0;
  /**
   * Counts the listener's connections. The cached matcher is trusted without a database read only
   * once the revision was read while the current connection was already listening: a commit
   * before that connection LISTENed is announced to nobody.
   */
  private listenGeneration = 0;
  private verifiedGeneration = -1;
  private listener: RevisionListener | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly advisories: AdvisoriesRepository,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    this.listener = new RevisionListener({
      url,
      channel: ADVISORY_CHANNEL,
      applicationName: 'pype-lifecycle-advisory-listener',
      onRevision: (revision) => this.noteRevision(revision),
      onListening: () => {
        this.listenGeneration += 1;
      },
    });
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  private noteRevision(revision: number): void {
    if (revision > this.newestKnownRevision) this.newestKnownRevision = revision;
  }

  /** Parses an OSV document (one advisory, an array, or `{ "vulns": [...] }`), naming the field at fault. */
  parse(document: string, field = 'document', maxBytes: number | null = MAX_ADVISORY_DOCUMENT_BYTES): OsvImportDocument {
    if (maxBytes !== null && Buffer.byteLength(document, 'utf8') > maxBytes) {
      throw badInput(
        field,
        `the OSV document is larger than ${maxBytes / 1024 / 1024} MiB; split it, or import it with \`npm run cli -- advisories:import FILE\``,
        {
          limitBytes: maxBytes,
        },
      );
    }
    try {
      return parseOsvJsonForImport(document);
    } catch (error) {
      if (error instanceof OsvValidationError)
        throw badInput(field, `invalid OSV advisory: ${error.message}`, { osvField: error.field, advisory: error.advisory });
      throw error;
    }
  }

  /**
   * Stores advisories by id: new ones are added, a stored one is replaced only by a later
   * `modified`, so importing the same file twice changes nothing. All or nothing. Advisories
   * about other ecosystems only are reported as skipped and not stored.
   */
  async import(document: OsvImportDocument): Promise<AdvisoryImportResult> {
    const { advisories } = document;
    for (const advisory of advisories) checkStorableAdvisory(advisory);
    const result: AdvisoryImportResult = { added: [], updated: [], unchanged: [], skipped: [...new Set(document.skipped.map((entry) => entry.id))] };
    let committedRevision: number | null = null;
    // The last copy of an id in one document wins only if it is the newest.
    const newestById = new Map<string, Advisory>();
    for (const advisory of advisories) {
      const seen = newestById.get(advisory.id);
      if (!seen || Date.parse(advisory.modified) > Date.parse(seen.modified)) newestById.set(advisory.id, advisory);
    }
    await this.dataSource.transaction(async (manager) => {
      await this.advisories.lockForImport(manager);
      const stored = await this.advisories.lockModified(manager, [...newestById.keys()]);
      const now = this.clock.now();
      for (const advisory of newestById.values()) {
        const current = stored.get(advisory.id);
        if (current && Date.parse(advisory.modified) <= current.getTime()) {
          result.unchanged.push(advisory.id);
          continue;
        }
        (current ? result.updated : result.added).push(advisory.id);
        await this.advisories.put(manager, advisory, now);
      }
      // Replicas rebuild their matcher when the revision moves; an import that changed nothing leaves it.
      if (result.added.length + result.updated.length > 0) committedRevision = await this.advisories.bumpAndAnnounceRevision(manager);
    });
    // This replica uses its own import at once; the others when the notification arrives.
    if (committedRevision !== null) this.noteRevision(committedRevision);
    return result;
  }

  /** The advisory with this id, else the first (by id) that lists it among its aliases (a CVE, a GHSA id). */
  get(idOrAlias: string): Promise<Advisory | null> {
    return this.advisories.findDocumentByIdOrAlias(idOrAlias);
  }

  async list(filter: AdvisoryListFilter, request: PageRequest<AdvisoryCursorKey>): Promise<Page<Advisory>> {
    const name = filter.package ? canonicalizeName(filter.package) : null;
    const { documents, totalCount } = await this.advisories.pageOfDocuments(name, request.after?.[0] ?? null, request.first + 1);
    return pageOfRows(documents, request, totalCount);
  }

  /** The advisories in force (not withdrawn) about these canonical names, from the same matcher the scans use. */
  async advisoriesAbout(names: readonly string[]): Promise<Advisory[]> {
    if (names.length === 0) return [];
    return (await this.currentIndex()).advisoriesAbout(names);
  }

  /** The matcher over every stored advisory, rebuilt only when an import (on any replica) changed them. */
  async currentIndex(): Promise<AdvisoryIndex> {
    const cached = this.index;
    const listening = this.listener?.listening === true;
    if (cached && listening && this.verifiedGeneration === this.listenGeneration && cached.revision >= this.newestKnownRevision) return cached.index;
    const generation = this.listenGeneration;
    const revision = await this.advisories.revision();
    this.noteRevision(revision);
    if (listening && generation > this.verifiedGeneration) this.verifiedGeneration = generation;
    if (this.index && this.index.revision >= revision) return this.index.index;
    // Scans that arrive together share one build, but only a build that started at this revision or later.
    if (!this.building || this.building.revision < revision) {
      const build = (async () => {
        const index = new AdvisoryIndex(await this.advisories.inForce());
        if (!this.index || this.index.revision < revision) this.index = { revision, index };
        return index;
      })();
      const building = { revision, promise: build };
      this.building = building;
      void build.then(
        () => this.building === building && (this.building = null),
        () => this.building === building && (this.building = null),
      );
    }
    return this.building.promise;
  }
}
