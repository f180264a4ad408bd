import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A browser's signed-in session. The cookie carries a random secret; only its SHA-256 is kept,
 * as for API tokens. The session stands for the API token pasted at sign-in (by its hash), so
 * revoking or expiring that token ends the session too.
 */
@Entity('page_sessions')
export class PageSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_hash', type: 'text', unique: true })
  sessionHash!: string;

  /** SHA-256 of the API token the user signed in with. */
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** The synchronizer token every form of this session carries. */
  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Index('page_sessions_expires_at_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
