import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';
import type { Role } from './role';
import { UserEntity } from './user.entity';

/** Where a page of `users` continues: after this e-mail (e-mails are unique). */
export type UsersCursorKey = [email: string];

/** The only writer of `users`. E-mails are stored lower-case; callers pass them normalised. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOneBy({ id });
  }

  findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOneBy({ email });
  }

  /** A page of the users by e-mail, only those holding `role` when given. */
  async pageByEmail(role: Role | null, request: PageRequest<UsersCursorKey>): Promise<Page<UserEntity>> {
    const query = this.dataSource.manager.getRepository(UserEntity).createQueryBuilder('user');
    if (role !== null) query.where(':role = ANY(user.roles)', { role });
    const totalCount = await query.getCount();
    if (request.after !== null) query.andWhere('user.email > :after', { after: request.after[0] });
    const rows = await query
      .orderBy('user.email', 'ASC')
      .limit(request.first + 1)
      .getMany();
    return pageOfRows(rows, request, totalCount);
  }

  /** The ids of the users with these e-mails, by e-mail; unknown e-mails are absent. */
  async idsByEmail(manager: EntityManager, emails: readonly string[]): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    const rows = await manager.getRepository(UserEntity).find({ select: { id: true, email: true }, where: { email: In([...emails]) } });
    return new Map(rows.map((row) => [row.email, row.id]));
  }

  /** Which of these e-mails belong to a user. */
  async existingEmails(manager: EntityManager, emails: readonly string[]): Promise<Set<string>> {
    return new Set((await this.idsByEmail(manager, emails)).keys());
  }

  emailTaken(email: string): Promise<boolean> {
    return this.dataSource.manager.getRepository(UserEntity).existsBy({ email });
  }

  insert(user: { email: string; displayName: string; roles: Role[] }): Promise<UserEntity> {
    const users = this.dataSource.manager.getRepository(UserEntity);
    // A new manager oversees nothing until an admin grants departments or every department.
    return users.save(users.create({ ...user, disabledAt: null, managesAllDepartments: false }));
  }

  /**
   * Whether the manager oversees every department. Row-locks the user until the caller's
   * transaction ends, so concurrent changes of one manager's departments take turns.
   */
  async setManagesAllDepartments(manager: EntityManager, id: string, managesAllDepartments: boolean): Promise<void> {
    await manager.getRepository(UserEntity).update({ id }, { managesAllDepartments });
  }

  async update(id: string, changes: Partial<Pick<UserEntity, 'roles' | 'disabledAt'>>): Promise<void> {
    await this.dataSource.manager.getRepository(UserEntity).update({ id }, changes);
  }
}
