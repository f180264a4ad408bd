/**
 * Staged deprecation, as AWS Lambda does it for runtimes: a release that reached its end of
 * support takes no new deployments, and a release goes to an environment only once its
 * rollout (the maintenance calendar) has reached it. An admin may let one through with a
 * recorded reason. Pure.
 */
import type { CalendarDate } from '../calendar/calendar-date';
import type { ReleaseStatus } from '../releases/domain/release-status';

export type DeploymentRefusalCode = 'RELEASE_END_OF_LIFE' | 'ENVIRONMENT_NOT_REACHED';

export interface DeploymentRefusal {
  code: DeploymentRefusalCode;
  message: string;
}

export interface DeploymentFacts {
  version: string;
  endOfSupport: CalendarDate;
  /** Status of the release on the campus day of the deployment. */
  statusOnDeploymentDay: ReleaseStatus;
  /** Where apps on this release should go instead, if the catalog says. */
  migrationTarget: string | null;
  environment: string;
  deployedAt: Date;
  /** When the rollout reaches `environment`; null when the calendar gives no date. */
  rolloutReachesEnvironmentAt: Date | null;
}

export function checkDeployment(facts: DeploymentFacts): DeploymentRefusal[] {
  const refusals: DeploymentRefusal[] = [];
  if (facts.statusOnDeploymentDay === 'END_OF_LIFE') {
    const instead = facts.migrationTarget ? `; deploy its migration target ${facts.migrationTarget} instead` : '';
    refusals.push({
      code: 'RELEASE_END_OF_LIFE',
      message: `runtime ${facts.version} reached its end of support on ${facts.endOfSupport} and takes no new deployments${instead}`,
    });
  }
  const reachedAt = facts.rolloutReachesEnvironmentAt;
  if (reachedAt === null || reachedAt.getTime() > facts.deployedAt.getTime()) {
    refusals.push({
      code: 'ENVIRONMENT_NOT_REACHED',
      message:
        reachedAt === null
          ? `runtime ${facts.version} has no rollout date for ${facts.environment}`
          : `runtime ${facts.version} reaches ${facts.environment} on ${reachedAt.toISOString()} (rollout schedule); it cannot be deployed there before`,
    });
  }
  return refusals;
}
