import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { IMPACT_FILTERS, type ImpactFilter } from './impact.service';
import { MaxLength } from 'class-validator';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { PageArgs } from '../common/graphql/page.args';
import { RuntimeReleaseModel } from '../releases/release.models';
import { FindingModel, SeverityEnum } from '../scanning/scan.models';
import type { Application } from '../applications/application';
import { ApplicationModel } from '../applications/applications.models';
import type { Deployment } from '../deployments/deployment';
import { DeploymentModel } from '../deployments/deployments.models';
import type { Finding, Severity } from '../requirements';

export const ImpactFilterEnum = graphqlEnum(IMPACT_FILTERS, { name: 'ImpactFilter' });
export type ImpactFilterEnum = ImpactFilter;

@ObjectType('FindingCount')
export class FindingCountModel {
  @Field()
  code!: string;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field(() => Int, { description: 'Findings with this code, across all applications.' })
  findings!: number;

  @Field(() => Int, { description: 'Applications with at least one such finding.' })
  applications!: number;
}

@ObjectType('ApplicationImpact', { description: "What one application's latest requirements would meet on the release." })
export class ApplicationImpactModel {
  @Field(() => ApplicationModel)
  application!: Application;

  @Field(() => String, { nullable: true, description: 'Commit of the snapshot scanned; null without a snapshot.' })
  snapshotCommit!: string | null;

  @Field({ description: 'False when the application has no requirements snapshot to judge.' })
  scanned!: boolean;

  @Field(() => Int)
  errorCount!: number;

  @Field(() => Int)
  warningCount!: number;

  @Field(() => [FindingModel])
  findings!: Finding[];
}

export const ApplicationImpactConnectionModel = connectionOf(ApplicationImpactModel, 'ApplicationImpact');
export type ApplicationImpactConnectionModel = Connection<ApplicationImpactModel>;

@ArgsType()
export class ReleaseImpactArgs extends PageArgs(500) {
  @Field({ description: 'Release version, e.g. 37.22.0.' })
  @MaxLength(32)
  version!: string;

  @Field(() => ImpactFilterEnum, {
    defaultValue: ImpactFilterEnum.ALL,
    description: 'Which applications the `applications` page lists (the totals count all).',
  })
  only: ImpactFilterEnum = ImpactFilterEnum.ALL;

  @Field({ defaultValue: false })
  includeArchived: boolean = false;
}

@ObjectType('ReleaseImpact', { description: 'What publishing (or moving apps to) a release would do to every application.' })
export class ReleaseImpactModel {
  @Field(() => RuntimeReleaseModel)
  release!: RuntimeReleaseModel;

  @Field(() => Int, { description: 'Active applications in your scope.' })
  totalApplications!: number;

  @Field(() => Int)
  scannedApplications!: number;

  @Field(() => Int)
  applicationsWithoutSnapshot!: number;

  @Field(() => Int)
  applicationsWithErrors!: number;

  @Field(() => Int)
  applicationsWithWarnings!: number;

  @Field(() => [String], { description: 'Slugs of the applications that would have ERROR findings.' })
  erroredApplications!: string[];

  @Field(() => [FindingCountModel], { description: 'Totals by finding code, errors first.' })
  countsByCode!: FindingCountModel[];

  @Field(() => Int, { description: 'How many distinct requirement sets were answered from the cache.' })
  cachedResults!: number;

  @Field(() => ApplicationImpactConnectionModel, { description: 'The applications matching `only`, by slug, paged by the first/after of releaseImpact.' })
  applications!: ApplicationImpactConnectionModel;
}

@ObjectType('AppReadiness', { description: 'Whether an application can move to a target release.' })
export class AppReadinessModel {
  @Field(() => ApplicationModel)
  application!: Application;

  @Field(() => RuntimeReleaseModel)
  target!: RuntimeReleaseModel;

  @Field({ description: 'True when the latest snapshot exists and has no ERROR finding on the target.' })
  ready!: boolean;

  @Field(() => String, { nullable: true })
  snapshotCommit!: string | null;

  @Field(() => [FindingModel], { description: 'ERROR findings: what must be fixed first.' })
  blockers!: Finding[];

  @Field(() => [FindingModel])
  findings!: Finding[];

  @Field(() => [DeploymentModel], { description: 'What the application runs now.' })
  currentDeployments!: Deployment[];
}
