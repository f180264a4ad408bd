import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AuditEventFieldsModel } from '../common/graphql/audit-event.model';
import { connectionOf, type Connection } from '../common/graphql/connection';
import { graphqlEnum } from '../common/graphql/graphql-enum';
import { DateScalar, DateTimeScalar } from '../common/graphql/scalars';
import { RELEASE_STATES, type ReleaseState } from './domain/release-state';
import { RELEASE_STATUSES, type ReleaseStatus } from './domain/release-status';
import { RELEASE_TRACKS, type ReleaseTrack } from './domain/release-track';
import { RELEASE_AUDIT_ACTIONS, type ReleaseAuditAction } from './release-audit-event.entity';

export const ReleaseStatusEnum = graphqlEnum(RELEASE_STATUSES, {
  name: 'ReleaseStatus',
  description: 'Derived from the dates on the day asked about, never stored.',
  valuesMap: {
    ANTICIPATED: { description: 'Announced; general availability is still ahead.' },
    SUPPORTED: { description: 'Available and supported.' },
    DEPRECATED: { description: 'Still supported, but inside the notice window before end of support: migrate.' },
    END_OF_LIFE: { description: 'Support has ended.' },
  },
});
export type ReleaseStatusEnum = ReleaseStatus;
export const TrackEnum = graphqlEnum(RELEASE_TRACKS, {
  name: 'Track',
  valuesMap: {
    LTS: { description: 'Long-term support (about 36 months).' },
    STABLE: { description: 'Stable release with a limited support period (about 16 months).' },
  },
});
export type TrackEnum = ReleaseTrack;
export const ReleaseStateEnum = graphqlEnum(RELEASE_STATES, { name: 'ReleaseState', description: 'Drafts are visible to admins only.' });
export type ReleaseStateEnum = ReleaseState;
export const AuditActionEnum = graphqlEnum(RELEASE_AUDIT_ACTIONS, { name: 'AuditAction' });
export type AuditActionEnum = ReleaseAuditAction;

@ObjectType('ReleasePackage', { description: 'A package the runtime bundles.' })
export class ReleasePackageModel {
  @Field({ description: 'PEP 503 canonical name.' })
  name!: string;

  @Field({ description: 'PEP 440 version.' })
  version!: string;
}

@ObjectType('RuntimeRelease', { description: 'A PyPE runtime release, e.g. 37.22.0 (Python 3.7, series 22, patch 0).' })
export class RuntimeReleaseModel {
  @Field()
  version!: string;

  @Field({ description: 'The Python version the runtime ships, e.g. 3.7.3.' })
  pythonVersion!: string;

  @Field(() => TrackEnum)
  track!: TrackEnum;

  @Field(() => ReleaseStateEnum)
  state!: ReleaseStateEnum;

  @Field(() => ReleaseStatusEnum, { description: 'Status on the day the query asks about (its `on`, default today on campus).' })
  status!: ReleaseStatusEnum;

  @Field(() => DateScalar)
  generalAvailability!: string;

  @Field(() => DateScalar, { description: 'The day support ends: from this day on the release is END_OF_LIFE.' })
  endOfSupport!: string;

  @Field(() => DateScalar, { description: 'End of support minus the notice period: from this day on the release is DEPRECATED.' })
  noticeStart!: string;

  @Field(() => RuntimeReleaseModel, { nullable: true, description: 'Where apps on this release should move.' })
  migrationTarget!: RuntimeReleaseModel | null;

  @Field(() => [ReleasePackageModel], { description: 'Bundled packages, by name.' })
  packages!: ReleasePackageModel[];

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field({ description: 'True for the newest LTS release that is SUPPORTED on the day asked about.' })
  recommended!: boolean;

  @Field(() => Int, { description: 'Days from the day asked about until end of support (negative once ended).' })
  daysUntilEndOfSupport!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('AuditEvent', { description: 'One change to the catalog: who, when, before, after and why.' })
export class AuditEventModel extends AuditEventFieldsModel {
  @Field()
  releaseVersion!: string;

  @Field(() => AuditActionEnum)
  action!: AuditActionEnum;
}

export const AuditEventConnectionModel = connectionOf(AuditEventModel, 'AuditEvent');
export type AuditEventConnectionModel = Connection<AuditEventModel>;

@ObjectType('PolicyViolation', { description: 'A lifecycle-policy check that a release fails.' })
export class PolicyViolationModel {
  @Field()
  code!: string;

  @Field({ description: 'The input field to change.' })
  field!: string;

  @Field()
  message!: string;

  @Field({ description: 'NOTHING_CAN_OVERRIDE, POLICY_OVERRIDE_REASON or SECURITY_EXCEPTION_REASON.' })
  requires!: string;
}
