import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/main';

export type CapturedIo = CliIo & { out(): string; err(): string };

/** The CLI's streams captured, with a quiet test environment (plus `env`) and `cwd`. */
export function captureIo(env: Record<string, string> = {}, cwd = process.cwd()): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  return { stdout, stderr, env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }, cwd, out: () => out, err: () => err };
}

/** A temporary directory holding `files` (relative path → content); remove it with `cleanup()`. */
export function workspace(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pype-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
