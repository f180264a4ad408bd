import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFilesUnder, type SourceFile } from '../setup/source-files';

/**
 * Persistence goes through one repository per aggregate (issue 8 §1):
 * - no SQL (`query(`, `createQueryBuilder(`) and no TypeORM repositories (`getRepository(`,
 *   `@InjectRepository`) outside `*.repository.ts` files (migrations live outside src/);
 * - a repository owns its tables: code of another feature folder may call its reading methods,
 *   never its writing ones, except the uses listed in CROSS_FEATURE_WRITES with their reason.
 * A method writes when its body (or a private method it calls) inserts, updates, deletes, locks
 * rows for update or notifies.
 */

/** Infrastructure that talks to PostgreSQL without touching a table of the model. */
const DATA_ACCESS_EXCEPTIONS: Record<string, string> = {
  'src/common/database/migrate.ts': 'the migration runner: an advisory lock and the migrations table',
  'src/common/database/revision-listener.ts': 'LISTEN on its own connection for the revision notifications',
  'src/common/database/embedded-postgres.ts': 'creates the database on the embedded server',
  'src/common/database/database-monitor.ts': 'the liveness probe, SELECT 1 on its own connection',
  'src/common/health/health.controller.ts': 'the readiness ping, SELECT 1 through the pool',
  'src/common/database/prepared-statements.ts': "runs a repository's statement as a named prepared statement on the pool",
  'src/cli/scan/server-client.ts': 'its `query()` is the HTTP GraphQL client of the scan CLI, not SQL',
};

/** Writes through another feature's repository, each with why it is the right place. */
const CROSS_FEATURE_WRITES: { importer: string; repository: string; methods: string[]; why: string }[] = [
  {
    importer: 'src/inventory-import/inventory-import.service.ts',
    repository: 'GroupsRepository',
    methods: ['lockBySlugs', 'upsertMany', 'addMembers'],
    why: 'the bulk import writes groups and members through the batch methods of their repository (issue 8 §1)',
  },
  {
    importer: 'src/inventory-import/inventory-import.service.ts',
    repository: 'ApplicationsRepository',
    methods: ['lockBySlugs', 'insertMany', 'updateMany'],
    why: 'the bulk import writes applications through the batch methods of their repository (issue 8 §1)',
  },
  {
    importer: 'src/inventory-import/inventory-import.service.ts',
    repository: 'DeploymentsRepository',
    methods: ['insertUnrecorded', 'refreshCurrent'],
    why: 'the bulk import records deployments through the batch methods of their repository (issue 8 §1)',
  },
];

const DATA_ACCESS = /(?:\.|\b)(query|createQueryBuilder|getRepository)(?:<[^()]*>)?\(|@InjectRepository\b/;
const WRITES =
  /\b(INSERT\s+INTO|UPDATE\s+\w+(?:\s+(?:AS\s+)?\w+)?\s+SET|DELETE\s+FROM|FOR\s+(?:NO\s+KEY\s+)?UPDATE|pg_notify)\b|\.(insert|update|delete|upsert|save|remove|softDelete|increment|decrement)\s*\(|pessimistic_write|for_no_key_update/i;

const isSpec = (path: string) => /\.(e2e-)?spec\.ts$/.test(path);
const isRepository = (path: string) => path.endsWith('.repository.ts');
/** The feature folder: src/<feature>/... */
const featureOf = (path: string) => path.split('/').slice(0, 2).join('/');

function dataAccessViolations(files: SourceFile[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    if (isSpec(file.path) || isRepository(file.path) || file.path in DATA_ACCESS_EXCEPTIONS) continue;
    file.text.split('\n').forEach((line, index) => {
      const match = DATA_ACCESS.exec(line);
      if (match) violations.push(`${file.path}:${index + 1}: ${match[0].trim()} outside a repository: move it into the aggregate's *.repository.ts`);
    });
  }
  return violations;
}

/** The writing methods of every repository class, by class name. */
function writingMethods(repositories: SourceFile[]): Map<string, Set<string>> {
  const byClass = new Map<string, Set<string>>();
  for (const file of repositories) {
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      const bodies = new Map<string, string>();
      for (const member of statement.members) {
        if ((ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) && member.body && ts.isIdentifier(member.name)) {
          bodies.set(member.name.text, member.body.getText(source));
        }
      }
      const writes = new Set([...bodies].filter(([, body]) => WRITES.test(body)).map(([name]) => name));
      // A method that calls a writing method of its own class writes too.
      for (let grew = true; grew;) {
        grew = false;
        for (const [name, body] of bodies) {
          if (!writes.has(name) && [...writes].some((writer) => new RegExp(`this\\.${writer}\\b`).test(body))) {
            writes.add(name);
            grew = true;
          }
        }
      }
      byClass.set(statement.name.text, writes);
    }
  }
  return byClass;
}

function repositoryClassesOf(files: SourceFile[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of files.filter((candidate) => isRepository(candidate.path))) {
    for (const match of file.text.matchAll(/export class (\w+)/g)) owners.set(match[1], file.path);
  }
  return owners;
}

function ownershipViolations(files: SourceFile[]): string[] {
  const owners = repositoryClassesOf(files);
  const writes = writingMethods(files.filter((file) => isRepository(file.path)));
  const violations: string[] = [];
  for (const file of files) {
    if (isSpec(file.path)) continue;
    for (const imported of ts.preProcessFile(file.text, true, true).importedFiles) {
      if (!imported.fileName.startsWith('.') || !basename(imported.fileName).endsWith('.repository')) continue;
      const target = `${join(dirname(file.path), imported.fileName).split('\\').join('/')}.ts`;
      if (featureOf(target) === featureOf(file.path)) continue;
      for (const [repository, owner] of owners) {
        if (owner !== target || !new RegExp(`\\b${repository}\\b`).test(file.text)) continue;
        const allowed = CROSS_FEATURE_WRITES.find((entry) => entry.importer === file.path && entry.repository === repository);
        // The names it goes by: constructor parameters and variables of that type, or built with `new`.
        const names = [...file.text.matchAll(new RegExp(`(\\w+)\\s*(?::\\s*${repository}\\b|=\\s*new\\s+${repository}\\s*\\()`, 'g'))].map((match) => match[1]);
        for (const name of new Set(names)) {
          for (const call of file.text.matchAll(new RegExp(`\\b${name}\\.(\\w+)\\s*\\(`, 'g'))) {
            const method = call[1];
            if (!writes.get(repository)?.has(method)) continue;
            if (allowed && (allowed.methods.length === 0 || allowed.methods.includes(method))) continue;
            violations.push(`${file.path} calls ${repository}.${method}, which writes ${featureOf(owner)}'s tables: go through ${featureOf(owner)}'s service`);
          }
        }
      }
    }
  }
  return [...new Set(violations)];
}

describe('architecture: one repository per aggregate', () => {
  const files = sourceFilesUnder('src');

  it('keeps SQL and TypeORM repositories inside *.repository.ts files', () => {
    expect(files.filter((file) => isRepository(file.path)).length).toBeGreaterThanOrEqual(8);
    expect(dataAccessViolations(files)).toEqual([]);
  });

  it('lists only exceptions that still exist and still need to be exceptions', () => {
    for (const path of Object.keys(DATA_ACCESS_EXCEPTIONS)) {
      const file = files.find((candidate) => candidate.path === path);
      expect(file, `${path} is listed as an exception but does not exist`).toBeDefined();
      expect(DATA_ACCESS.test(file!.text), `${path} no longer needs its exception`).toBe(true);
    }
    for (const entry of CROSS_FEATURE_WRITES) {
      expect(files.find((candidate) => candidate.path === entry.importer)?.text ?? '', `${entry.importer} no longer uses ${entry.repository}`).toMatch(
        new RegExp(`\\b${entry.repository}\\b`),
      );
    }
  });

  it('lets no feature write another feature’s tables through its repository', () => {
    expect(ownershipViolations(files)).toEqual([]);
    const writers = writingMethods(files.filter((file) => isRepository(file.path)));
    for (const entry of CROSS_FEATURE_WRITES) {
      for (const method of entry.methods) expect(writers.get(entry.repository)?.has(method), `${entry.repository}.${method} no longer writes`).toBe(true);
    }
  });

  it('are checked: SQL in a service and a write through another feature’s repository are reported', () => {
    const fixtures: SourceFile[] = [
      {
        path: 'src/groups/groups.repository.ts',
        text: `export class GroupsRepository {
          findBySlug(slug) { return this.groups().findOneBy({ slug }); }
          async rename(manager, id, name) { await manager.query('UPDATE groups SET name = $2 WHERE id = $1', [id, name]); }
          async renameAll(manager, names) { for (const [id, name] of names) await this.rename(manager, id, name); }
          private groups() { return this.dataSource.manager.getRepository(GroupEntity); }
        }`,
      },
      {
        path: 'src/applications/applications.service.ts',
        text: `import { GroupsRepository } from '../groups/groups.repository';
          export class ApplicationsService {
            constructor(private readonly groups: GroupsRepository, private readonly dataSource: DataSource) {}
            async move(manager) {
              await this.groups.findBySlug('a');
              await this.groups.renameAll(manager, []);
              return this.dataSource.query<{ id: string }[]>('SELECT id FROM applications');
            }
          }`,
      },
    ];
    expect(dataAccessViolations(fixtures)).toEqual([
      "src/applications/applications.service.ts:7: .query<{ id: string }[]>( outside a repository: move it into the aggregate's *.repository.ts",
    ]);
    expect(ownershipViolations(fixtures)).toEqual([
      "src/applications/applications.service.ts calls GroupsRepository.renameAll, which writes src/groups's tables: go through src/groups's service",
    ]);
  });
});
