import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { AccessGrants } from '../groups/groups.repository';
import { GroupsRepository } from '../groups/groups.repository';
import { AccessService } from '../groups/access.service';
import type { RequestWithPrincipal } from './auth.decorators';
import { grantsForReadsOnlyPlugin } from './grants-for-reads.plugin';
import type { Principal } from './principal';
import { Role } from './role';

const grantsAtSignIn: AccessGrants = { memberships: [{ groupId: 'g-1', role: 'MEMBER' }], managedDepartments: [], managesAllDepartments: false };
const grantsNow: AccessGrants = { memberships: [{ groupId: 'g-2', role: 'OWNER' }], managedDepartments: ['Physics'], managesAllDepartments: false };

const signedIn = (): Principal => ({ userId: 'u-1', label: 'a@example.edu', roles: [Role.DEVELOPER], tokenId: 't-1', accessGrants: grantsAtSignIn });

async function afterOperation(document: string, principal: Principal): Promise<Principal> {
  const req: RequestWithPrincipal = { headers: {}, principal };
  const hooks = await grantsForReadsOnlyPlugin().requestDidStart!({} as never);
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  await (hooks as { didResolveOperation: (context: unknown) => Promise<void> }).didResolveOperation({ operation, contextValue: { req } });
  return req.principal!;
}

/** A groups repository that answers with the grants as they are now, and counts the reads. */
function groupsNow() {
  const reads: unknown[] = [];
  const repository = Object.create(GroupsRepository.prototype) as GroupsRepository;
  repository.accessGrantsOf = (_userId: string, manager?: unknown) => {
    reads.push(manager);
    return Promise.resolve(grantsNow);
  };
  return { repository, reads };
}

describe('access grants read with the token', () => {
  it('are kept for a query, which then reads no grants', async () => {
    const principal = await afterOperation('{ applications(first: 1) { totalCount } }', signedIn());
    const { repository, reads } = groupsNow();
    const caller = await new AccessService(repository).callerFor(principal);
    expect([...caller.memberOf]).toEqual(['g-1']);
    expect(reads).toEqual([]);
  });

  it('are dropped for a mutation, whose decisions read the grants as they are then', async () => {
    const principal = await afterOperation('mutation { archiveApplication(slug: "x") { slug } }', signedIn());
    expect(principal.accessGrants).toBeUndefined();
    const { repository, reads } = groupsNow();
    const caller = await new AccessService(repository).callerFor(principal);
    expect([...caller.memberOf]).toEqual(['g-2']);
    expect([...caller.owns]).toEqual(['g-2']);
    expect(caller.managedDepartments).toEqual(['Physics']);
    expect(reads).toHaveLength(1);
  });

  it('are not used inside a transaction, which reads them through its own manager', async () => {
    const { repository, reads } = groupsNow();
    const manager = { transaction: 'tx' };
    const caller = await new AccessService(repository).callerFor(signedIn(), manager as never);
    expect([...caller.memberOf]).toEqual(['g-2']);
    expect(reads).toEqual([manager]);
  });
});
