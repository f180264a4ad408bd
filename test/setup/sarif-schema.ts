import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';

/**
 * The SARIF 2.1.0 JSON schema in its rtm.5 revision, as shipped in @microsoft/jest-sarif (a dev
 * dependency used only for this file). It is a draft-04 schema, hence ajv-draft-04; one of its
 * patterns is not valid in Unicode mode, hence unicodeRegExp: false.
 */
const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validate: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;

/** Every way the log breaks the SARIF 2.1.0 schema, as "instancePath: message" lines; empty when valid. */
export function sarifSchemaViolations(log: unknown): string[] {
  if (!validate) {
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }
  if (validate(log)) return [];
  return ((validate.errors ?? []) as Array<{ instancePath: string; message?: string }>).map((error) => `${error.instancePath || '/'}: ${error.message}`);
}
