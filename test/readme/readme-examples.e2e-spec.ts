/**
 * Runs every GraphQL and shell example of README.md, in README order, against a fresh service
 * (the real app on loopback, with the seed catalog as `npm start` loads it, a bootstrap admin
 * token, and a clock that follows the wall clock), so that the README cannot go stale. A failing
 * example fails with its README line. The marker convention is in readme-blocks.ts and TEAM.md.
 *
 * - GraphQL blocks: each operation in the block is sent on its own, with the bootstrap admin
 *   token and the variables of a `variables` marker; any GraphQL error fails the example.
 * - Shell blocks run with bash (errexit, pipefail) in a working directory holding the `file`
 *   blocks, with `$TOKEN` (and `$PYPE_LIFECYCLE_TOKEN`) an admin token, `localhost:3000` pointing
 *   at the test service, `npm run cli -- …`, `npm run seed` and `npx pype-lifecycle …` running
 *   the CLI against the service's database, and `curl` failing on a GraphQL answer with errors.
 *   Any other `npm` command fails: mark such a block `skip` with the reason.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, print, Kind, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN } from '../../src/auth/principal';
import { UsersService } from '../../src/auth/users.service';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { isRunnable, readmeBlocks, type ReadmeBlock } from './readme-blocks';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BLOCKS = readmeBlocks(README);
const SHELL_TIMEOUT_MS = 60_000;

/** Stand-ins for npm, npx and curl on the PATH of the shell examples. */
function writeShims(directory: string, realCurl: string): void {
  const cli = `"$README_TEST_NODE" "$README_TEST_ROOT/bin/pype-lifecycle.js"`;
  const shims: Record<string, string> = {
    npm: `#!/usr/bin/env bash
set -e
if [ "$1" = run ]; then shift; [ "$1" = -s ] || [ "$1" = --silent ] && shift
  case "$1" in
    cli) shift; [ "$1" = -- ] && shift; exec ${cli} "$@" ;;
    seed) exec ${cli} seed ;;
    build) exit 0 ;;
  esac
fi
echo "README test: 'npm $*' is not run by the README test; mark the block <!-- readme-test: skip (reason) -->" >&2
exit 97
`,
    npx: `#!/usr/bin/env bash
if [ "$1" = pype-lifecycle ]; then shift; exec ${cli} "$@"; fi
echo "README test: 'npx $*' is not run by the README test" >&2
exit 97
`,
    curl: `#!/usr/bin/env bash
# The real curl; an answer with GraphQL errors fails the example (as an exit code would).
out=$("${realCurl}" "$@"); status=$?
printf '%s\\n' "$out"
[ $status -eq 0 ] || exit $status
if [ -z "$README_TEST_EXPECT_ERROR" ] && printf '%s' "$out" | "$README_TEST_NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.exit(JSON.parse(s).errors?1:0)}catch{process.exit(0)}})'; then :; else
  [ -n "$README_TEST_EXPECT_ERROR" ] || { echo "README test: the answer has GraphQL errors" >&2; exit 1; }
fi
`,
  };
  for (const [name, text] of Object.entries(shims)) {
    writeFileSync(join(directory, name), text);
    chmodSync(join(directory, name), 0o755);
  }
}

/** bash, asynchronously: the service answers the example's requests from this same process. */
function runShell(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: SHELL_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

function operationsOf(block: ReadmeBlock): string[] {
  const document = parse(block.body);
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => print(fragment));
  return document.definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => [print(operation), ...fragments].join('\n'));
}

function variablesFor(operation: string, block: ReadmeBlock): Record<string, unknown> {
  const declared = new Set(
    (parse(operation).definitions[0] as OperationDefinitionNode).variableDefinitions?.map((definition) => definition.variable.name.value) ?? [],
  );
  return Object.fromEntries(Object.entries(block.markers.variables ?? {}).filter(([name]) => declared.has(name)));
}

function place(block: ReadmeBlock): string {
  return `README.md:${block.line} (\`\`\`${block.language})`;
}

describe('README examples', () => {
  let service: TestService;
  let workDir: string;
  let shimDir: string;
  let shellEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'pype-readme-'));
    shimDir = join(workDir, '.readme-test-bin');
    mkdirSync(shimDir);
    const env: Record<string, string> = {};
    for (const block of BLOCKS) {
      const path = block.markers.file ?? (block.markers.config ? `.readme-test-config/${block.markers.config}` : null);
      if (path === null) continue;
      mkdirSync(dirname(join(workDir, path)), { recursive: true });
      writeFileSync(join(workDir, path), `${block.body}\n`);
      if (block.markers.config) env[block.markers.config] = join(workDir, path);
    }
    service = await startTestService({ now: new Date().toISOString(), env });
    // What `npm start` does on a first start.
    await seedCatalog(service.dataSource, service.clock.now());
    writeShims(shimDir, execFileSync('bash', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim());
    const port = new URL(service.url).port;
    shellEnv = {
      PATH: `${shimDir}:${process.env.PATH}`,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      TOKEN: BOOTSTRAP_TOKEN,
      PYPE_LIFECYCLE_TOKEN: BOOTSTRAP_TOKEN,
      PYPE_LIFECYCLE_URL: service.url,
      DATABASE_URL: service.databaseUrl,
      README_TEST_ROOT: ROOT,
      README_TEST_NODE: process.execPath,
      README_TEST_PORT: port,
    };
    // Builds the CLI once if the sources changed since the last build, outside any example's time.
    const build = spawnSync(process.execPath, [join(ROOT, 'bin/pype-lifecycle.js'), '--version'], { encoding: 'utf8', timeout: 300_000 });
    if (build.status !== 0) throw new Error(`the CLI does not run: ${build.stderr}`);
  }, 360_000);
  afterAll(async () => {
    await service?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  /** An API token of a user an earlier example created, for blocks marked `as EMAIL`. */
  async function tokenOf(email: string): Promise<string> {
    const users = service.app.get(UsersService);
    const user = await users.findUserByEmail(email);
    return (await users.createApiToken(BOOTSTRAP_ADMIN, { userId: user.id, name: 'README test' })).token;
  }

  it('has examples to run, and every marker it uses is known', () => {
    expect(BLOCKS.filter(isRunnable).length).toBeGreaterThan(10);
  });

  for (const block of BLOCKS.filter(isRunnable)) {
    const title = `${place(block)}${block.markers.expectError ? ` (expected to fail: ${block.markers.expectError})` : ''}`;
    if (block.language === 'graphql') {
      it(title, async () => {
        service.clock.set(new Date());
        let operations: string[];
        try {
          operations = operationsOf(block);
        } catch (error) {
          throw new Error(`${place(block)}: not valid GraphQL: ${(error as Error).message}`, { cause: error });
        }
        const token = block.markers.as === null ? BOOTSTRAP_TOKEN : await tokenOf(block.markers.as);
        for (const operation of operations) {
          const response = await service.gql(operation, variablesFor(operation, block), token);
          const summary = `${place(block)}: ${operation.split('\n')[0]} … answered ${response.status} ${JSON.stringify(response.errors ?? response.data).slice(0, 600)}`;
          if (block.markers.expectError) expect(response.errors, summary).toBeDefined();
          else expect(response.errors, summary).toBeUndefined();
        }
      });
    } else {
      it(
        title,
        async () => {
          service.clock.set(new Date());
          const port = shellEnv.README_TEST_PORT!;
          const script = block.body.replace(/(https?:\/\/)?localhost:3000/g, (_match, scheme: string | undefined) => `${scheme ?? ''}127.0.0.1:${port}`);
          const userToken = block.markers.as === null ? {} : { TOKEN: await tokenOf(block.markers.as) };
          const result = await runShell(script, workDir, {
            ...shellEnv,
            ...userToken,
            ...(block.markers.expectError ? { README_TEST_EXPECT_ERROR: '1' } : {}),
          });
          const output = `exit ${result.status ?? result.signal}\n--- stdout\n${result.stdout.slice(-1500)}\n--- stderr\n${result.stderr.slice(-1500)}`;
          if (block.markers.expectError) expect(result.status, `${place(block)} should fail:\n${output}`).not.toBe(0);
          else expect(result.status, `${place(block)} failed:\n${output}`).toBe(0);
        },
        SHELL_TIMEOUT_MS + 5_000,
      );
    }
  }
});
