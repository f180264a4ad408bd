import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, mkdirSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

/**
 * A copy of this checkout as a fresh clone has it (every file git tracks or would track, no dist/)
 * with the node_modules `npm ci` makes: the installed packages are linked from this checkout's, and
 * the local `pype-lifecycle-cli` package (with its `.bin/pype-lifecycle`) points into the copy, as
 * npm links a `file:` dependency. So `npx pype-lifecycle` in the copy runs the copy's own CLI.
 */
export function cleanCheckoutCopy(): { dir: string; cleanup(): void } {
  const root = join(__dirname, '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'pype-checkout-'));
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  for (const path of listed.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, path))) continue; // deleted in the working tree, not committed yet
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(join(root, path), join(dir, path));
    chmodSync(join(dir, path), statSync(join(root, path)).mode);
  }
  const modules = join(root, 'node_modules');
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  for (const entry of readdirSync(modules)) {
    if (entry === '.bin' || entry === 'pype-lifecycle-cli' || entry.startsWith('.')) continue;
    symlinkSync(join(modules, entry), join(dir, 'node_modules', entry));
  }
  symlinkSync('../cli', join(dir, 'node_modules', 'pype-lifecycle-cli'));
  for (const bin of readdirSync(join(modules, '.bin'))) {
    symlinkSync(readlinkSync(join(modules, '.bin', bin)), join(dir, 'node_modules', '.bin', bin));
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
