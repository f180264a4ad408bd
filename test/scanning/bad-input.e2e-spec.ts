/**
 * Hostile and oversized input through the API: a clear BAD_USER_INPUT or PARSE_ERROR
 * findings, never a 500, and never a response that is not GraphQL-shaped on /graphql.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestBodyLimit } from '../../src/app.factory';
import { loadConfig } from '../../src/common/config/app-config';
import { startTestService, type TestService } from '../setup/test-app';
import { codesOf, firstError, linesOf, postRaw, SCAN_REQUIREMENTS, scanOk } from './scan-support';

const MiB = 1024 * 1024;
const SUMMARY_ONLY = `query($content: String!, $filename: String) { scanRequirements(content: $content, filename: $filename) {
  requirements { line } summary { errors warnings infos } } }`;

describe('bad input through the API', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => service.close());

  describe('size', () => {
    it('answers a 10 MB upload with a token with BAD_USER_INPUT naming content and the limit, not with HTTP 413', async () => {
      const content = 'requests==2.21.0\n'.repeat(Math.ceil((10 * 1000 * 1000) / 17));
      const response = await service.gql(SCAN_REQUIREMENTS, { content }, await service.tokenFor([]));
      expect(response.status).toBe(200);
      const error = firstError(response);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
      expect(error.message).toContain('1048576 bytes (1 MiB)');
      expect(error.message).toContain('SCAN_MAX_UPLOAD_BYTES');
      expect(error.extensions.limitBytes).toBe(MiB);
      expect(response.data).toBeNull();
    });

    it('answers a 10 MB upload without a token with HTTP 413 before reading it, naming both limits', async () => {
      const content = 'requests==2.21.0\n'.repeat(Math.ceil((10 * 1000 * 1000) / 17));
      const response = await service.gql(SCAN_REQUIREMENTS, { content });
      expect(response.status).toBe(413);
      const error = firstError(response);
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'ANONYMOUS_BODY_LIMIT_BYTES', limitBytes: 3 * MiB, scanMaxUploadBytes: MiB });
      expect(error.message).toContain(`${3 * MiB} bytes`);
      expect(error.message).toContain(`at most ${MiB} bytes of file content (SCAN_MAX_UPLOAD_BYTES)`);
      expect(response.data).toBeUndefined();
    });

    it('accepts an upload of exactly the limit, counted in UTF-8 bytes', async () => {
      const line = 'six==1.16.0 # é\n'; // 17 bytes, 16 characters
      const lines = Math.floor(MiB / 17);
      const content = line.repeat(lines) + '#'.repeat(MiB - lines * 17);
      expect(Buffer.byteLength(content)).toBe(MiB);
      const response = await service.gql(SUMMARY_ONLY, { content });
      expect(response.errors).toBeUndefined();
      const tooBig = await service.gql(SUMMARY_ONLY, { content: `${content}é` });
      expect(firstError(tooBig)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    });

    it('answers a body beyond what the service reads at all with HTTP 413 and a GraphQL-shaped error', async () => {
      const ceiling = requestBodyLimit(loadConfig({ NODE_ENV: 'test' }));
      expect(ceiling).toBeGreaterThanOrEqual(64 * MiB);
      const body = JSON.stringify({ query: SCAN_REQUIREMENTS, variables: { content: 'x'.repeat(ceiling) } });
      const response = await postRaw(service, body, 'application/json', { authorization: `Bearer ${await service.tokenFor([])}` });
      expect(response.status).toBe(413);
      expect(response.json).toEqual({
        errors: [{ message: expect.stringContaining(String(ceiling)), extensions: { code: 'BAD_USER_INPUT', limitBytes: ceiling } }],
      });
    });

    it('answers a body that is not JSON with a GraphQL-shaped BAD_REQUEST', async () => {
      const response = await postRaw(service, '{"query": "{ __typename }"');
      expect(response.status).toBe(400);
      expect(response.json.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(response.json.errors[0].message).toMatch(/JSON/);
    });

    it('keeps serving after refusing large bodies', async () => {
      const response = await service.gql('{ __typename }');
      expect(response.data).toEqual({ __typename: 'Query' });
    });
  });

  describe('encoding and binary data', () => {
    it('refuses content with NUL bytes as binary, naming content', async () => {
      const error = firstError(await service.gql(SCAN_REQUIREMENTS, { content: 'six==1.16.0\n\u0000\u0001PK\u0003\u0004' }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
      expect(error.extensions.reason).toBe('BINARY_CONTENT');
      expect(error.message).toMatch(/binary/);
    });

    it('answers random bytes (a file read as Latin-1) without a server error', async () => {
      let state = 12345;
      const bytes = Array.from({ length: 64 * 1024 }, () => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return String.fromCharCode((state >>> 16) & 0xff);
      }).join('');
      const response = await service.gql(SUMMARY_ONLY, { content: bytes });
      expect(response.status).toBe(200);
      expect(errorCodeOrParseErrors(response)).toBe(true);
    });

    it('reads invalid UTF-8 in the request body as replacement characters: PARSE_ERROR on that line, the rest scanned', async () => {
      const prefix = Buffer.from(`{"query":${JSON.stringify(SCAN_REQUIREMENTS)},"variables":{"content":"six==1.16.0\\n`);
      const body = Buffer.concat([prefix, Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('==1.0\\nclick==7.0\\n"}}')]);
      const response = await postRaw(service, body);
      expect(response.status).toBe(200);
      const report = response.json.data.scanRequirements;
      expect(linesOf(report, 'PARSE_ERROR')).toEqual([2]);
      expect(report.requirements.map((requirement: { name: string }) => requirement.name)).toEqual(['six', 'click']);
    });

    it('answers lone UTF-16 surrogates with PARSE_ERROR, not a server error', async () => {
      const report = await scanOk(service, 'six==1.16.0\n\ud800abc==1.0\nclick==7.0 # \udfff\n');
      expect(linesOf(report, 'PARSE_ERROR')).toEqual([2]);
      expect(report.requirements.map((requirement) => requirement.name)).toEqual(['six', 'click']);
    });

    it('accepts a UTF-8 byte-order mark at the start', async () => {
      const report = await scanOk(service, '\uFEFFsix==1.16.0\n');
      expect(report.requirements.map((requirement) => [requirement.line, requirement.name])).toEqual([[1, 'six']]);
      expect(codesOf(report, 'PARSE_ERROR')).toEqual([]);
    });

    it('answers a pyproject.toml that is binary-looking garbage with PARSE_ERROR', async () => {
      const report = await scanOk(service, '[project\n\u00ff\u00fe= = =\n', { filename: 'pyproject.toml' });
      expect(codesOf(report, 'PARSE_ERROR').length).toBeGreaterThan(0);
    });
  });

  describe('many lines and hostile patterns', () => {
    it('scans 100 000 lines (one in ten invalid) and reports each invalid line', async () => {
      const lines = Array.from({ length: 100_000 }, (_, index) => (index % 10 === 9 ? 'bad!' : `p${index.toString(36)}==1`));
      const content = lines.join('\n');
      expect(Buffer.byteLength(content)).toBeLessThan(MiB);
      const response = await service.gql(
        `query($content: String!) { scanRequirements(content: $content) { summary { errors warnings infos } findings { line } } }`,
        {
          content,
        },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.scanRequirements.summary).toEqual({ errors: 10_000, warnings: 0, infos: 0 });
      const lineNumbers = (response.data!.scanRequirements.findings as { line: number }[]).map((finding) => finding.line);
      expect(lineNumbers.slice(0, 3)).toEqual([10, 20, 30]);
      expect(lineNumbers.at(-1)).toBe(100_000);
    });

    it('scans 100 000 continuation lines forming one requirement', async () => {
      const content = `requests==2.21.0 \\\n${' \\\n'.repeat(99_998)}\n`;
      const response = await service.gql(SUMMARY_ONLY, { content });
      expect(response.errors).toBeUndefined();
      expect(response.data!.scanRequirements.requirements).toEqual([{ line: 1 }]);
    });

    it.each([
      ['deeply nested marker parentheses', `pkg==1.0 ; ${'('.repeat(50_000)}python_version > "3"${')'.repeat(50_000)}`],
      ['an unclosed run of parentheses', `pkg==1.0 ; ${'('.repeat(200_000)}`],
      ['a long run of version separators', `pkg==${'1.'.repeat(200_000)}x`],
      ['a long run of commas between specifiers', `pkg>=1${',>=1'.repeat(100_000)},,`],
      ['a long name that ends badly', `${'a'.repeat(500_000)}!`],
      ['a long run of extras brackets', `pkg${'['.repeat(200_000)}`],
      ['a long run of whitespace before an operator', `pkg${' '.repeat(500_000)}=!1`],
      ['a long URL fragment', `pkg @ https://example.com/${'#egg='.repeat(100_000)}`],
      ['many ${VAR} references', `pkg==\${A}${'${B}'.repeat(100_000)}`],
    ])('answers %s with findings, not a server error', async (_label, content) => {
      const response = await service.gql(SUMMARY_ONLY, { content });
      expect(response.status).toBe(200);
      expect(errorCodeOrParseErrors(response)).toBe(true);
    });
  });

  describe('other arguments', () => {
    it('refuses a filename of more than 1024 characters, naming filename', async () => {
      const error = firstError(await service.gql(SCAN_REQUIREMENTS, { content: 'six\n', filename: `${'x'.repeat(1100)}.txt` }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filename' });
    });

    it('refuses content of the wrong type as BAD_USER_INPUT', async () => {
      const response = await service.gql(SCAN_REQUIREMENTS, { content: ['six'] });
      expect(firstError(response).code).toBe('BAD_USER_INPUT');
    });
  });
});

describe('SCAN_MAX_UPLOAD_BYTES', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ env: { SCAN_MAX_UPLOAD_BYTES: '4096' } });
  });
  afterAll(async () => service.close());

  it('sets the limit for scanRequirements and for all files of scanFiles together', async () => {
    const within = 'six==1.16.0\n'.repeat(300); // 3600 bytes
    expect((await service.gql(SUMMARY_ONLY, { content: within })).errors).toBeUndefined();
    const over = firstError(await service.gql(SUMMARY_ONLY, { content: within + within }));
    expect(over).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    expect(over.message).toContain('4096 bytes');

    const files = await service.gql(`query($files: [ScanFileInput!]!) { scanFiles(files: $files) { summary { errors } } }`, {
      files: [
        { path: 'a.txt', content: within },
        { path: 'b.txt', content: within },
      ],
    });
    expect(firstError(files)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'files' });
  });
});

/** A response that is either a clear client error or a report (PARSE_ERROR findings allowed), never a server error. */
function errorCodeOrParseErrors(response: { errors?: { extensions?: Record<string, any> }[]; data?: any }): boolean {
  if (response.errors) return response.errors.every((error) => error.extensions?.code === 'BAD_USER_INPUT');
  return response.data?.scanRequirements !== undefined;
}
