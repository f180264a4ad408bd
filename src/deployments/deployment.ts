import type { Environment } from '../calendar/environment';

/** A recorded deployment: a runtime release deployed to an environment at a commit. */
export interface Deployment {
  id: string;
  applicationId: string;
  environment: Environment;
  releaseId: string;
  runtimeVersion: string;
  commit: string;
  deployedAt: Date;
  recordedBy: string;
  /** Set when an admin let through a deployment the staged-deprecation rules refuse. */
  overrideReason: string | null;
}

/** History pages newest first; a cursor holds deployedAt and recordedAt as PostgreSQL prints them (microseconds kept) and the id. */
export type DeploymentHistoryKey = [deployedAt: string, recordedAt: string, id: string];

export interface DeploymentHistoryEntry {
  deployment: Deployment;
  cursorKey: DeploymentHistoryKey;
}

/** What recording a deployment writes. */
export type NewDeployment = Pick<Deployment, 'applicationId' | 'environment' | 'releaseId' | 'commit' | 'deployedAt' | 'recordedBy' | 'overrideReason'>;
