/** What the inventory audit log keeps of a recorded deployment: enough to find it in the deployment history. */
export function deploymentAuditFields(deployment: { environment: string; runtime: string; commit: string; deployedAt: Date }): Record<string, unknown> {
  return {
    environment: deployment.environment,
    runtime: deployment.runtime,
    commit: deployment.commit,
    deployedAt: deployment.deployedAt.toISOString(),
  };
}
