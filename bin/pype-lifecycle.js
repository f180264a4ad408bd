#!/usr/bin/env node
/**
 * The `pype-lifecycle` command: `pype-lifecycle scan FILE...` for CI pipelines and the operator
 * commands (`npm run cli -- <command>`). It runs the compiled CLI in dist/. When dist/ is missing
 * or older than the sources (a fresh checkout, a `git pull`), it builds once first, with the
 * compiler's output on stderr, so that stdout carries only the command's report.
 *
 * `npx pype-lifecycle` reaches this file through node_modules/.bin/pype-lifecycle, linked by
 * `npm ci` from the local package in cli/: npx then runs it in place. A `bin` on the project's
 * own package.json would make npx install the whole project into its cache instead (running its
 * `prepare` script, which strict-allow-scripts refuses, and running a stale copy afterwards).
 */
'use strict';

const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist', 'src', 'cli', 'main.js');
/** What the build reads besides src/: a change to any of them can change dist/. */
const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'ormconfig.ts'];

function fail(message, code = 2) {
  process.stderr.write(`pype-lifecycle: ${message}\n`);
  process.exitCode = code;
}

function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** The newest modification time of the TypeScript sources under `dir` (tests excluded: the build skips them). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, modifiedAt(path) ?? 0);
  }
  return newest;
}

function isBuildCurrent() {
  const built = modifiedAt(compiled);
  if (built === null) return false;
  const inputs = [newestSource(join(root, 'src')), newestSource(join(root, 'migrations')), ...BUILD_INPUTS.map((file) => modifiedAt(join(root, file)) ?? 0)];
  return inputs.every((time) => time <= built);
}

function build() {
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    fail(`the CLI is not built and TypeScript is not installed. In ${root}, run:\n\n  npm ci\n`);
    return false;
  }
  process.stderr.write('pype-lifecycle: building the CLI (the sources changed since the last build; this happens once)...\n');
  // The compiler's messages are logs: stderr, never the report's stdout.
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    fail(`the build failed (see above); fix it or run \`npm run build\` in ${root}`);
    return false;
  }
  return true;
}

// The compiled CLI require()s ECMAScript modules (NestJS 12), which Node supports from 20.19.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`Node.js ${process.versions.node} is too old; version 20.19 or newer is needed`);
} else if (process.env.PYPE_LIFECYCLE_SKIP_BUILD === '1' || isBuildCurrent() || build()) {
  if (modifiedAt(compiled) === null) {
    fail(`the CLI is not built (${compiled} is missing); run \`npm run build\` in ${root}`);
  } else {
    const { runCli } = require(compiled);
    // `npm run cli` runs this in the project directory; the user's files are relative to where npm
    // was started (INIT_CWD). Only for our own scripts: INIT_CWD is inherited by everything npm starts.
    const viaNpmScript = process.env.npm_package_name === 'pype-lifecycle' && ['cli', 'seed'].includes(process.env.npm_lifecycle_event);
    const cwd = viaNpmScript && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
    const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd, configDir: process.cwd() };
    runCli(process.argv.slice(2), io).then(
      (code) => {
        process.exitCode = code;
      },
      (error) => fail(`unexpected error: ${error && error.stack ? error.stack : error}`, 1),
    );
  }
}
