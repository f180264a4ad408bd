import { Field, ObjectType } from '@nestjs/graphql';
import type { AuditEventColumns } from '../database/audit-event-columns';
import { DateTimeScalar } from './scalars';

/** The fields every audit log's event type shares: who, when, before, after and why. */
@ObjectType({ isAbstract: true })
export abstract class AuditEventFieldsModel {
  @Field()
  id!: string;

  @Field({ description: 'E-mail of the user, bootstrap-admin or seed.' })
  actor!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'What the change replaced, as JSON; null when it created something.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'What the change wrote, as JSON; null when it removed something.' })
  after!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

const jsonText = (value: Record<string, unknown> | null): string | null => (value === null ? null : JSON.stringify(value));

export function auditEventFields(event: AuditEventColumns<string>): AuditEventFieldsModel {
  return {
    id: event.id,
    actor: event.actorLabel,
    occurredAt: event.occurredAt,
    before: jsonText(event.before),
    after: jsonText(event.after),
    reason: event.reason,
  };
}
