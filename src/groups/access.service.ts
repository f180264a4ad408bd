import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { Caller } from './access-policy';

/** Turns the authenticated principal into what access decisions need: memberships and managed departments. */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inside a transaction, pass its manager: asking the pool for a second connection while holding
   * one can starve the pool under load (every connection held by a transaction waiting for another).
   */
  async callerFor(principal: Principal, manager: EntityManager = this.dataSource.manager): Promise<Caller> {
    if (principal.userId === null) {
      return { userId: null, label: principal.label, roles: principal.roles, memberOf: new Set(), owns: new Set(), managedDepartments: [] };
    }
    const rows = (await manager.query(
      `SELECT 'group' AS kind, group_id::text AS value, role FROM group_members WHERE user_id = $1
       UNION ALL
       SELECT 'department', department, NULL FROM manager_departments WHERE user_id = $1`,
      [principal.userId],
    )) as { kind: 'group' | 'department'; value: string; role: string | null }[];
    const memberOf = new Set<string>();
    const owns = new Set<string>();
    const managedDepartments: string[] = [];
    for (const row of rows) {
      if (row.kind === 'department') {
        managedDepartments.push(row.value);
        continue;
      }
      memberOf.add(row.value);
      if (row.role === 'OWNER') owns.add(row.value);
    }
    return { userId: principal.userId, label: principal.label, roles: principal.roles, memberOf, owns, managedDepartments };
  }
}
