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

/** What recording a deployment writes. */
export type NewDeployment = Pick<Deployment, 'applicationId' | 'environment' | 'releaseId' | 'commit' | 'deployedAt' | 'recordedBy' | 'overrideReason'>;
