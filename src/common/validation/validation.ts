import { Injectable, PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { badInput } from '../errors/domain-error';
import { checkUuid } from '../input-rules/uuid';
import { requireValid } from './satisfies';

/** Flattens nested validation errors to `packages[2].version: must be ...` lines, naming list items as the rest of the API does. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = !parent ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...describeValidationErrors(error.children ?? [], field)];
  });
}

/** The global pipe: class-validator rules on every input class, failing as BAD_USER_INPUT naming the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: false,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = describeValidationErrors(errors);
      const message = problems.map((problem) => problem.message).join('; ');
      return badInput(problems[0]?.field ?? 'input', message, { problems });
    },
  });
}

/** An ID argument that must be a UUID, failing as BAD_USER_INPUT that names the argument. */
@Injectable()
export class ParseUuid implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    return requireValid(checkUuid(String(value), this.field), this.field);
  }
}
