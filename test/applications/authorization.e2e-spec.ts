/**
 * The authorization matrix of the application mutations: every mutation × every role and
 * membership. Each cell starts from its own fresh application (made by the bootstrap admin),
 * so cells do not depend on each other; a refused call must leave every table as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';
import {
  ARCHIVE_APPLICATION,
  APPLICATION,
  CALLERS,
  CALLER_EMAILS,
  CREATE_APPLICATION,
  RECORD_DEPLOYMENT,
  SUBMIT_REQUIREMENTS,
  TRANSFER_APPLICATION,
  UNARCHIVE_APPLICATION,
  UPDATE_APPLICATION,
  createApplication,
  createCallers,
  dataOf,
  failure,
  gqlOk,
  expectMatrixCell,
  F,
  N,
  O,
  U,
  type CallerName,
  type Outcome,
} from './support';

interface MutationCase {
  document: string;
  /** Makes what the call acts on and returns its variables. */
  prepare(service: TestService, slug: string): Promise<Record<string, unknown>>;
  /** Checks a successful call did what it says. */
  verify(service: TestService, data: Record<string, any>, slug: string, caller: CallerName): Promise<void>;
  expected: Record<CallerName, Outcome>;
}

/**
 * Admins and members of the owning group (whatever their platform role) edit; nobody else. Those
 * who cannot even read the application (it is Registrar's, of team-a) hear NOT_FOUND, as for one
 * that does not exist: FORBIDDEN would tell them it exists.
 */
const EDIT: Record<CallerName, Outcome> = {
  anonymous: U,
  admin: O,
  managerOfAll: F,
  managerOfRegistrar: F,
  managerOfLibrary: N,
  developerInGroup: O,
  developerInOtherGroup: N,
  groupOwner: O,
  memberWithoutRole: O,
  userWithNothing: N,
};

const MATRIX: Record<string, MutationCase> = {
  createApplication: {
    document: CREATE_APPLICATION,
    prepare: async (_service, slug) => ({ input: { slug, name: 'New app', department: 'Registrar', group: 'team-a', contacts: ['ada@example.edu'] } }),
    verify: async (_service, data, slug) => {
      expect(data.createApplication).toMatchObject({ slug, owningGroup: { slug: 'team-a' }, contacts: ['ada@example.edu'] });
    },
    // Only holders of the developer entitlement create, and only in a group they belong to.
    expected: {
      anonymous: U,
      admin: O,
      managerOfAll: F,
      managerOfRegistrar: F,
      managerOfLibrary: F,
      developerInGroup: O,
      developerInOtherGroup: F,
      groupOwner: F,
      memberWithoutRole: F,
      userWithNothing: F,
    },
  },
  updateApplication: {
    document: UPDATE_APPLICATION,
    prepare: async (service, slug) => {
      await createApplication(service, { slug, group: 'team-a', description: 'before' });
      return { input: { slug, name: 'Renamed', contacts: ['grace@example.edu'] } };
    },
    verify: async (_service, data) => {
      expect(data.updateApplication).toMatchObject({ name: 'Renamed', description: 'before', contacts: ['grace@example.edu'] });
    },
    expected: EDIT,
  },
  archiveApplication: {
    document: ARCHIVE_APPLICATION,
    prepare: async (service, slug) => {
      await createApplication(service, { slug, group: 'team-a' });
      return { slug };
    },
    verify: async (_service, data) => {
      expect(data.archiveApplication.archived).toBe(true);
      expect(data.archiveApplication.archivedAt).not.toBeNull();
    },
    expected: EDIT,
  },
  unarchiveApplication: {
    document: UNARCHIVE_APPLICATION,
    prepare: async (service, slug) => {
      await createApplication(service, { slug, group: 'team-a' });
      await gqlOk(service, ARCHIVE_APPLICATION, { slug });
      return { slug };
    },
    verify: async (_service, data) => {
      expect(data.unarchiveApplication).toMatchObject({ archived: false, archivedAt: null });
    },
    expected: EDIT,
  },
  transferApplication: {
    document: TRANSFER_APPLICATION,
    prepare: async (service, slug) => {
      await createApplication(service, { slug, group: 'team-a' });
      return { slug, toGroup: 'team-b' };
    },
    verify: async (_service, data) => {
      expect(data.transferApplication.owningGroup).toEqual({ slug: 'team-b' });
    },
    // Handing an application away is for the owners of its group (and admins), not every member.
    expected: {
      anonymous: U,
      admin: O,
      managerOfAll: F,
      managerOfRegistrar: F,
      managerOfLibrary: N,
      developerInGroup: F,
      developerInOtherGroup: N,
      groupOwner: O,
      memberWithoutRole: F,
      userWithNothing: N,
    },
  },
  recordDeployment: {
    document: RECORD_DEPLOYMENT,
    prepare: async (service, slug) => {
      await createApplication(service, { slug, group: 'team-a' });
      return { input: { application: slug, environment: 'PROD', runtime: '36.11.0', commit: 'abcdef1' } };
    },
    verify: async (_service, data, _slug, caller) => {
      expect(data.recordDeployment).toMatchObject({
        environment: 'PROD',
        runtimeVersion: '36.11.0',
        commit: 'abcdef1',
        recordedBy: CALLER_EMAILS[caller as Exclude<CallerName, 'anonymous'>],
        overrideReason: null,
      });
    },
    expected: EDIT,
  },
  submitRequirements: {
    document: SUBMIT_REQUIREMENTS,
    prepare: async (service, slug) => {
      await createApplication(service, { slug, group: 'team-a' });
      return { input: { application: slug, commit: 'abcdef2', files: [{ path: 'requirements.txt', content: 'Django==1.11.29\n' }] } };
    },
    verify: async (_service, data) => {
      expect(data.submitRequirements).toMatchObject({ commit: 'abcdef2', files: [{ path: 'requirements.txt', content: 'Django==1.11.29\n' }] });
    },
    expected: EDIT,
  },
};

describe('application mutations: who may do what', () => {
  let service: TestService;
  let tokens: Record<CallerName, string | null>;
  let counter = 0;

  beforeAll(async () => {
    service = await startTestService({ now: '2018-12-01T18:00:00Z' });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    tokens = await createCallers(service);
  });
  afterAll(async () => service.close());

  describe.each(Object.entries(MATRIX))('%s', (_name, mutation) => {
    it.each(CALLERS.map((caller) => [caller, mutation.expected[caller]] as const))('%s → %s', async (caller, outcome) => {
      const slug = `app-${++counter}`;
      const variables = await mutation.prepare(service, slug);
      await expectMatrixCell(
        service,
        outcome,
        () => service.gql(mutation.document, variables, tokens[caller]),
        (data) => mutation.verify(service, data, slug, caller),
      );
    });
  });

  it('covers every application mutation of the schema', async () => {
    const { __schema } = await gqlOk(service, `{ __schema { mutationType { fields { name type { ofType { name } } } } } }`);
    const touchingApplications = __schema.mutationType.fields
      .filter((field: any) => ['Application', 'Deployment', 'RequirementsSnapshot'].includes(field.type.ofType?.name))
      .map((field: any) => field.name)
      .sort();
    expect(touchingApplications).toEqual(Object.keys(MATRIX).sort());
  });

  it('says why a member without the developer entitlement may not create, and why an outsider may not', async () => {
    const input = { slug: 'why-not', name: 'Why not', department: 'Registrar', group: 'team-a' };
    const member = await service.gql(CREATE_APPLICATION, { input }, tokens.memberWithoutRole);
    expect(member.errors![0].message).toContain('DEVELOPER');
    const outsider = await service.gql(CREATE_APPLICATION, { input }, tokens.developerInOtherGroup);
    expect(outsider.errors![0].message).toContain('not a member of team-a');
  });

  it('lets a developer create in their own group but not in another one', async () => {
    const own = await service.gql(
      CREATE_APPLICATION,
      { input: { slug: 'own-b', name: 'B', department: 'Library', group: 'team-b' } },
      tokens.developerInOtherGroup,
    );
    expect(dataOf(own).createApplication.owningGroup).toEqual({ slug: 'team-b' });
    const other = await service.gql(
      CREATE_APPLICATION,
      { input: { slug: 'not-own', name: 'X', department: 'Library', group: 'team-b' } },
      tokens.developerInGroup,
    );
    expect(failure(other).code).toBe('FORBIDDEN');
  });

  it('hands the application over with a transfer: the old group loses it, the new one gains it', async () => {
    await createApplication(service, { slug: 'handover', group: 'team-a' });
    dataOf(await service.gql(TRANSFER_APPLICATION, { slug: 'handover', toGroup: 'team-b' }, tokens.groupOwner));
    expect(dataOf(await service.gql(APPLICATION, { slug: 'handover' }, tokens.developerInGroup)).application).toBeNull();
    expect(dataOf(await service.gql(APPLICATION, { slug: 'handover' }, tokens.developerInOtherGroup)).application.owningGroup).toEqual({ slug: 'team-b' });
    const edit = await service.gql(UPDATE_APPLICATION, { input: { slug: 'handover', name: 'Mine now' } }, tokens.developerInOtherGroup);
    expect(dataOf(edit).updateApplication.name).toBe('Mine now');
    // The former owners no longer see it at all.
    const formerOwner = await service.gql(UPDATE_APPLICATION, { input: { slug: 'handover', name: 'Back' } }, tokens.groupOwner);
    expect(failure(formerOwner).code).toBe('NOT_FOUND');
  });

  it('answers a mutation on an application you cannot read exactly as one on an application that does not exist', async () => {
    await createApplication(service, { slug: 'hidden', group: 'team-a' });
    for (const [document, variables] of [
      [UPDATE_APPLICATION, (slug: string) => ({ input: { slug, name: 'X' } })],
      [ARCHIVE_APPLICATION, (slug: string) => ({ slug })],
      [TRANSFER_APPLICATION, (slug: string) => ({ slug, toGroup: 'team-b' })],
      [RECORD_DEPLOYMENT, (slug: string) => ({ input: { application: slug, environment: 'PROD', runtime: '36.11.0', commit: 'abcdef1' } })],
      [SUBMIT_REQUIREMENTS, (slug: string) => ({ input: { application: slug, commit: 'abcdef2', files: [{ path: 'requirements.txt', content: 'x\n' }] } })],
    ] as const) {
      const hidden = (await service.gql(document, variables('hidden'), tokens.developerInOtherGroup)).errors![0];
      const missing = (await service.gql(document, variables('missing'), tokens.developerInOtherGroup)).errors![0];
      expect(hidden.extensions?.code).toBe('NOT_FOUND');
      expect({ ...hidden, message: hidden.message.replace('hidden', 'missing') }).toEqual(missing);
      expect(hidden.message).not.toContain('team-a');
    }
  });
});
