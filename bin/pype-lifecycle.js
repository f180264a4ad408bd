#!/usr/bin/env node
/**
 * The `pype-lifecycle` command (package `bin`): `pype-lifecycle scan FILE... [--runtime VERSION]`
 * for CI pipelines, and the operator commands of `npm run cli`. It runs the compiled CLI in
 * dist/; from a fresh checkout, build it once with `npm run build`.
 */
'use strict';

const { existsSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist', 'src', 'cli', 'main.js');

function fail(message) {
  process.stderr.write(`pype-lifecycle: ${message}\n`);
  process.exitCode = 2;
}

// The compiled CLI require()s ECMAScript modules (NestJS 12), which Node supports from 20.19.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`Node.js ${process.versions.node} is too old; version 20.19 or newer is needed`);
} else if (!existsSync(compiled)) {
  const where = relative(process.cwd(), root) || '.';
  fail(`the CLI is not built yet (${relative(root, compiled)} is missing). Build it once with:\n\n  cd ${where} && npm run build\n`);
} else {
  const { runCli } = require(compiled);
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      fail(`unexpected error: ${error && error.stack ? error.stack : error}`);
      process.exitCode = 1;
    },
  );
}
