import { describe, it, expect } from 'vitest';
import { csvLocation, type InventoryLocation } from './inventory-error';
import { InventoryErrorList } from './inventory-error-list';
import { InventoryPlanBuilder, type ApplicationDefinition, type DeploymentDefinition, type PlanField } from './inventory-plan-builder';

const locate = (at: InventoryLocation, field: PlanField): InventoryLocation => ({ ...at, column: field });

function builder() {
  const errors = new InventoryErrorList(100);
  return { builder: new InventoryPlanBuilder(errors, locate), errors };
}

const app: ApplicationDefinition = {
  slug: 'lab-tools',
  name: 'Lab Tools',
  department: 'Physics',
  group: 'physics',
  contacts: ['ada@example.edu', 'bob@example.edu'],
  repositoryUrl: null,
  description: null,
};
const deployment: DeploymentDefinition = { environment: 'PROD', runtime: '37.22.0', commit: 'abcdef1', deployedAt: '2024-03-01T06:00:00.000Z' };

describe('InventoryPlanBuilder', () => {
  it('merges repeated descriptions of an application, contacts compared as a set', () => {
    const { builder: plan, errors } = builder();
    plan.addApplication(app, csvLocation(2));
    plan.addApplication({ ...app, contacts: ['bob@example.edu', 'ada@example.edu'] }, csvLocation(3));
    expect(errors.toArray()).toEqual([]);
    expect(plan.build().applications).toEqual([{ ...app, deployments: [], sources: [csvLocation(2), csvLocation(3)] }]);
  });

  it('reports each field that differs between descriptions, naming both places', () => {
    const { builder: plan, errors } = builder();
    plan.addApplication(app, csvLocation(2));
    plan.addApplication({ ...app, name: 'Lab Tools 2', repositoryUrl: 'https://git.example.edu/x' }, csvLocation(5));
    expect(errors.toArray()).toEqual([
      {
        row: 5,
        path: null,
        column: 'name',
        message: 'application "lab-tools" has name "Lab Tools 2" here but "Lab Tools" on row 2; every row or entry of one application must agree',
      },
      {
        row: 5,
        path: null,
        column: 'repositoryUrl',
        message:
          'application "lab-tools" has repository URL "https://git.example.edu/x" here but nothing on row 2; every row or entry of one application must agree',
      },
    ]);
  });

  it('keeps one of identical deployments, remembering every place that gave it', () => {
    const { builder: plan, errors } = builder();
    plan.addApplication(app, csvLocation(2));
    plan.addDeployment('lab-tools', deployment, csvLocation(2));
    plan.addDeployment('lab-tools', { ...deployment }, csvLocation(3));
    plan.addDeployment('lab-tools', { ...deployment, environment: 'TEST' }, csvLocation(4));
    expect(errors.toArray()).toEqual([]);
    const [planned] = plan.build().applications;
    expect(planned.deployments).toEqual([
      { ...deployment, sources: [csvLocation(2), csvLocation(3)] },
      { ...deployment, environment: 'TEST', sources: [csvLocation(4)] },
    ]);
  });

  it('refuses two different deployments to one environment at the same instant', () => {
    const { builder: plan, errors } = builder();
    plan.addApplication(app, csvLocation(2));
    plan.addDeployment('lab-tools', deployment, csvLocation(2));
    plan.addDeployment('lab-tools', { ...deployment, commit: '1234567' }, csvLocation(3));
    expect(errors.toArray()).toEqual([
      {
        row: 3,
        path: null,
        column: 'deployedAt',
        message:
          'application "lab-tools" already has a different deployment to PROD at 2024-03-01T06:00:00.000Z on row 2 (runtime 37.22.0, commit abcdef1); ' +
          'one environment cannot receive two deployments at the same instant',
      },
    ]);
    expect(plan.build().applications[0].deployments).toHaveLength(1);
  });

  it('leaves out deployments of an application that never made it into the plan', () => {
    const { builder: plan } = builder();
    plan.addDeployment('missing', deployment, csvLocation(2));
    expect(plan.build().applications).toEqual([]);
  });

  it('merges group definitions and reports disagreeing ones', () => {
    const { builder: plan, errors } = builder();
    const group = { slug: 'physics', name: 'Physics', owners: ['ada@example.edu'], members: ['bob@example.edu'] };
    plan.defineGroup(group, csvLocation(2));
    plan.defineGroup({ ...group }, csvLocation(3));
    plan.defineGroup({ ...group, owners: [] }, csvLocation(4));
    expect(errors.toArray()).toEqual([
      {
        row: 4,
        path: null,
        column: 'groupOwners',
        message: 'group "physics" has owners none here but "ada@example.edu" on row 2; every definition of a group must agree',
      },
    ]);
    expect(plan.build().groups).toEqual([
      {
        slug: 'physics',
        name: 'Physics',
        members: [
          { email: 'ada@example.edu', role: 'OWNER' },
          { email: 'bob@example.edu', role: 'MEMBER' },
        ],
        sources: [csvLocation(2), csvLocation(3), csvLocation(4)],
      },
    ]);
  });

  it('lists as group references only the groups the file uses without defining', () => {
    const { builder: plan } = builder();
    plan.defineGroup({ slug: 'physics', name: 'Physics', owners: [], members: [] }, csvLocation(2));
    plan.referenceGroup('physics', csvLocation(3, 'group'));
    plan.referenceGroup('chemistry', csvLocation(4, 'group'));
    plan.referenceGroup('chemistry', csvLocation(5, 'group'));
    plan.referenceRuntime('37.22.0', csvLocation(4, 'runtime'));
    plan.referenceUser('ada@example.edu', csvLocation(2, 'group_owners'));
    const { references } = plan.build();
    expect([...references.groups]).toEqual([['chemistry', [csvLocation(4, 'group'), csvLocation(5, 'group')]]]);
    expect([...references.runtimes]).toEqual([['37.22.0', [csvLocation(4, 'runtime')]]]);
    expect([...references.users]).toEqual([['ada@example.edu', [csvLocation(2, 'group_owners')]]]);
  });
});
