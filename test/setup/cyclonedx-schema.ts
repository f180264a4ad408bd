import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';

/**
 * The CycloneDX 1.6 JSON schema as @cyclonedx/cyclonedx-library ships it (res/schema/, with the
 * SPDX and JSF schemas it refers to). The library's own validator needs ajv-formats-draft2019,
 * which is not installed, so the schema is compiled here with ajv (draft-07) and the formats it
 * uses are defined here. Strict mode is off for the `meta:` keywords of the schema.
 */
const SCHEMA_DIR = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
const CYCLONEDX_BASE = 'http://cyclonedx.org/schema/';

const read = (file: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;

function isIriReference(text: string): boolean {
  // An IRI reference has no spaces, controls or the characters RFC 3987 excludes.
  return ![...text].some((character) => character.charCodeAt(0) < 0x20 || ' <>"{}|\\^`'.includes(character));
}

type Validator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
let validate: Validator | undefined;

/** Every way `bom` breaks the CycloneDX 1.6 JSON schema, as "instancePath: message" lines; empty when valid. */
export function cycloneDxViolations(bom: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('date-time', {
      type: 'string',
      validate: (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) && Number.isFinite(Date.parse(text)),
    });
    ajv.addFormat('iri-reference', { type: 'string', validate: isIriReference });
    ajv.addFormat('idn-email', { type: 'string', validate: (text: string) => /^[^\s@]+@[^\s@]+$/.test(text) });
    ajv.addFormat('uri', { type: 'string', validate: (text: string) => URL.canParse(text) });
    // The bom schema refers to its neighbours by file name; register them under those names.
    for (const file of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json', 'cryptography-defs.SNAPSHOT.schema.json']) {
      ajv.addSchema({ ...read(file), $id: `${CYCLONEDX_BASE}${file}` });
    }
    validate = ajv.compile(read('bom-1.6.SNAPSHOT.schema.json')) as Validator;
  }
  if (validate(bom)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message}`);
}
