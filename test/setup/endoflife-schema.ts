import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { isCalendarDate } from '../../src/calendar/calendar-date';

/**
 * endoflife.date's published OpenAPI documents (test/fixtures/endoflife-date: v1 1.1.0 and v0,
 * converted from the YAML they publish by make-json.py there). OpenAPI 3.1 schemas are JSON
 * Schema 2020-12, hence ajv/dist/2020. Formats are checked too (ajv-formats is not installed, so
 * the four the documents use are defined here), and `x-` keywords are allowed (strict: false).
 */
const FIXTURES = join(__dirname, '..', 'fixtures', 'endoflife-date');

const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function absoluteUri(text: string): boolean {
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(text) && new URL(text).href.length > 0;
  } catch {
    return false;
  }
}

type Validator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
const validators = new Map<string, Validator>();

function validatorFor(document: 'openapi-v1' | 'openapi-v0', schemaName: string): Validator {
  const key = `${document}#${schemaName}`;
  let validate = validators.get(key);
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('date', { type: 'string', validate: (text: string) => isCalendarDate(text) });
    ajv.addFormat('date-time', { type: 'string', validate: (text: string) => RFC3339_DATE_TIME.test(text) && Number.isFinite(Date.parse(text)) });
    ajv.addFormat('uri', { type: 'string', validate: absoluteUri });
    ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && Math.abs(value) < 2 ** 31 });
    const spec = JSON.parse(readFileSync(join(FIXTURES, `${document}.json`), 'utf8')) as { components: unknown };
    ajv.addSchema({ $id: `https://endoflife.date/${document}`, components: spec.components });
    validate = ajv.compile({ $ref: `https://endoflife.date/${document}#/components/schemas/${schemaName}` }) as Validator;
    validators.set(key, validate);
  }
  return validate;
}

function violations(validate: Validator, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message}`);
}

/** Every way `data` breaks the named schema of endoflife.date's API v1 1.1.0 (e.g. ProductResponse); empty when valid. */
export const endoflifeV1Violations = (schemaName: 'ProductResponse' | 'ProductReleaseResponse', data: unknown): string[] =>
  violations(validatorFor('openapi-v1', schemaName), data);

/** Every way `data` breaks the v0 `cycle` schema; empty when valid. */
export const endoflifeV0CycleViolations = (data: unknown): string[] => violations(validatorFor('openapi-v0', 'cycle'), data);

/** The info.version of the checked-in v1 document, so a test can say which version it validated against. */
export const endoflifeV1Version = (): string =>
  (JSON.parse(readFileSync(join(FIXTURES, 'openapi-v1.json'), 'utf8')) as { info: { version: string } }).info.version;
