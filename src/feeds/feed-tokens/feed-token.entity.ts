import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../../auth/user.entity';

/**
 * A read-only token for calendar subscriptions (`/calendar/migrations.ics?token=…`): calendar
 * clients cannot send headers, so it travels in the URL, and therefore it can do nothing else.
 * Hashed like API tokens (SHA-256 of a 256-bit secret); shown once.
 */
@Entity('feed_tokens')
export class FeedTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('feed_tokens_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash!: string;

  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
