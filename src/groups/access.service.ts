import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { Caller } from './access-policy';
import { GroupsRepository } from './groups.repository';

/** Turns the authenticated principal into what access decisions need: memberships and managed departments. */
@Injectable()
export class AccessService {
  constructor(private readonly groups: GroupsRepository) {}

  /**
   * Inside a transaction, pass its manager: asking the pool for a second connection while holding
   * one can starve the pool under load (every connection held by a transaction waiting for another).
   */
  async callerFor(principal: Principal, manager?: EntityManager): Promise<Caller> {
    if (principal.userId === null) {
      return {
        userId: null,
        label: principal.label,
        roles: principal.roles,
        memberOf: new Set(),
        owns: new Set(),
        managedDepartments: [],
        managesAllDepartments: false,
      };
    }
    // Inside a transaction, read them again: the transaction's view is the one its decisions must use.
    const grants = (manager === undefined ? principal.accessGrants : undefined) ?? (await this.groups.accessGrantsOf(principal.userId, manager));
    return {
      userId: principal.userId,
      label: principal.label,
      roles: principal.roles,
      memberOf: new Set(grants.memberships.map((membership) => membership.groupId)),
      owns: new Set(grants.memberships.filter((membership) => membership.role === 'OWNER').map((membership) => membership.groupId)),
      managedDepartments: grants.managedDepartments,
      managesAllDepartments: grants.managesAllDepartments,
    };
  }
}
