import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './role';

@Entity('users')
@Check('users_email_lower_case', 'email = lower(email)')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case so lookups and uniqueness ignore case. */
  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: Role[];

  /**
   * A manager who oversees every department, granted explicitly (setManagedDepartments with
   * allDepartments: true). Otherwise a manager reads only the departments in manager_departments:
   * none listed means none, never "all".
   */
  @Column({ name: 'manages_all_departments', type: 'boolean', default: false })
  managesAllDepartments!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
