import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { GroupEntity } from '../groups/group.entity';

/** Where a group wants its notices POSTed, and the secret their signatures are made with. */
@Entity('webhooks')
@Index('webhooks_group_idx', ['groupId', 'createdAt', 'id'])
export class WebhookEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: GroupEntity;

  @Column({ type: 'text' })
  url!: string;

  /** HMAC key for X-PyPE-Signature, sealed when `secretSealed` (see SecretBox); never returned by the API. */
  @Column({ type: 'text' })
  secret!: string;

  /** Whether `secret` is sealed with WEBHOOK_SECRET_KEY. */
  @Column({ name: 'secret_sealed', type: 'boolean', default: false })
  secretSealed!: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  /** From the injected clock. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
