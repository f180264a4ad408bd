import { applyDecorators } from '@nestjs/common';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { OwnTextRule } from '../graphql/text-guard';
import { badInput } from '../errors/domain-error';
import type { Checked } from '../input-rules/checked';
import { optional, type FieldCheck } from '../input-rules/field-rules';

/** The value a check accepted, or the BAD_USER_INPUT naming `field` with the check's own message. */
export function requireValid<T>(checked: Checked<T>, field: string): T {
  if (checked.ok) return checked.value;
  throw badInput(field, checked.message);
}

/** `value` as `check` normalises it, or the BAD_USER_INPUT naming `field`. */
export const requireField = <T>(check: FieldCheck<T>, value: string, field: string): T => requireValid(check(value, field), field);

/** Like `requireField`, but empty (or only spaces, or absent) is null: the field is left empty. */
export const requireOptionalField = <T>(check: FieldCheck<T>, value: string | null | undefined, field: string): T | null =>
  requireField(optional(check), value ?? '', field);

/** The first problem `check` finds in a property's value (each item of a list, named `field[i]`), or null. */
function problemOf(value: unknown, field: string, check: FieldCheck<unknown>): string | null {
  if (value === null || value === undefined) return null; // `@IsOptional()` or GraphQL's non-null decide
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = problemOf(item, `${field}[${index}]`, check);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value !== 'string') return `${field} must be text`;
  const checked = check(value, field);
  return checked.ok ? null : checked.message;
}

/**
 * An input field (or each item of a list field) must pass one of the shared input rules, the same
 * the inventory import and the CLI apply; a refusal carries that rule's message.
 */
export function Satisfies(check: FieldCheck<unknown>): PropertyDecorator {
  const validate = ValidateBy({
    name: 'satisfies',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => problemOf(value, args!.property, check) === null,
      defaultMessage: (args?: ValidationArguments) => problemOf(args!.value, args!.property, check) ?? '',
    },
  });
  return applyDecorators(validate, OwnTextRule());
}
