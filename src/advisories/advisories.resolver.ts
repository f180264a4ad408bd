import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireRoles } from '../auth/auth.decorators';
import { Role } from '../auth/role';
import { pagedConnection } from '../common/graphql/connection';
import { toOsvRecord, type Advisory } from '../requirements';
import { advisoriesCursor, AdvisoriesService, BY_ID } from './advisories.service';
import { AdvisoriesArgs, AdvisoryConnectionModel, AdvisoryImportResultModel, AdvisoryModel, OsvRecordScalar } from './advisory.models';
import { MAX_ADVISORY_QUERY_PACKAGES } from './utils/advisory-query-limits';
import { checkPackageNames } from './utils/check-package-names';
import { BulkTextArguments } from '../common/graphql/text-guard';

function toModel(advisory: Advisory): AdvisoryModel {
  return {
    ...advisory,
    affected: advisory.affected.map((affected) => ({
      ...affected,
      ranges: affected.ranges.map((range) => ({
        type: range.type,
        events: range.events.map((event) => ({
          introduced: 'introduced' in event ? event.introduced : null,
          fixed: 'fixed' in event ? event.fixed : null,
          lastAffected: 'last_affected' in event ? event.last_affected : null,
          limit: 'limit' in event ? event.limit : null,
        })),
      })),
    })),
  };
}

@Resolver()
export class AdvisoriesResolver {
  constructor(private readonly store: AdvisoriesService) {}

  @Mutation(() => AdvisoryImportResultModel, {
    description: 'Imports OSV advisories (one, an array, or {"vulns": [...]}) as JSON text. Idempotent by id; a later `modified` replaces.',
  })
  @RequireRoles(Role.ADMIN)
  @BulkTextArguments('document')
  importAdvisories(@Args('document') document: string): Promise<AdvisoryImportResultModel> {
    return this.store.import(this.store.parse(document));
  }

  @Query(() => AdvisoryModel, { nullable: true })
  async advisory(@Args('id') id: string): Promise<AdvisoryModel | null> {
    const found = await this.store.get(id.trim());
    return found ? toModel(found) : null;
  }

  @Query(() => [OsvRecordScalar], {
    description:
      'The advisories in force (not withdrawn) that name any of these packages, as OSV records: what a scan of requirements on these names can match. For clients that scan on their own, such as the `scan` CLI.',
  })
  async advisoriesFor(
    @Args('packages', { type: () => [String], description: `Package names (any spelling; compared per PEP 503); at most ${MAX_ADVISORY_QUERY_PACKAGES}.` })
    packages: string[],
  ): Promise<Record<string, unknown>[]> {
    return (await this.store.advisoriesAbout(checkPackageNames(packages))).map(toOsvRecord);
  }

  @Query(() => AdvisoryConnectionModel, { description: 'Stored advisories by id, optionally only those about one package.' })
  async advisories(@Args() args: AdvisoriesArgs): Promise<AdvisoryConnectionModel> {
    return pagedConnection(
      args,
      { codec: advisoriesCursor, order: BY_ID },
      (request) => this.store.list(args, request),
      (advisory) => [advisory.id],
      toModel,
    );
  }
}
