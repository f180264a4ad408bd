import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFilesUnder, type SourceFile } from '../setup/source-files';

/**
 * The layers point one way. `src/common/` is the bottom of the service: it may use the shared
 * calendar (`src/calendar/`) but no feature. The calendar and the requirements engine are plain
 * TypeScript that the CLI and any feature can reuse: no framework, nothing outside themselves.
 * Inside the engine the readers (pip, pyproject, Pipfile) and the shared file model sit below the
 * scan orchestrator, so they never import it.
 */

function importsOf(file: SourceFile): string[] {
  // preProcessFile sees static imports, `export ... from`, `import type` and `import()` alike.
  return ts.preProcessFile(file.text, true, true).importedFiles.map((imported) => imported.fileName);
}

/** Where a relative import points, relative to the repository root; null for a package. */
function targetOf(file: SourceFile, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return join(dirname(file.path), specifier).split('\\').join('/');
}

const isSpec = (path: string) => /\.(e2e-)?spec\.ts$/.test(path);
const isUnder = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const TEST_ONLY_PACKAGES = ['vitest', 'fast-check'];

interface PureFolder {
  folder: string;
  /** Packages its code (not its specs) may use. */
  packages: string[];
}

const PURE_FOLDERS: PureFolder[] = [
  { folder: 'src/calendar', packages: [] },
  { folder: 'src/requirements', packages: ['@iarna/toml'] },
];

/** Engine folders that must not import the ones listed: readers and the file model sit below the scan. */
const ENGINE_BELOW: { folder: string; mustNotImport: string[] }[] = [
  { folder: 'src/requirements/pip', mustNotImport: ['src/requirements/scan'] },
  { folder: 'src/requirements/pyproject', mustNotImport: ['src/requirements/scan'] },
  { folder: 'src/requirements/pipfile', mustNotImport: ['src/requirements/scan'] },
  {
    folder: 'src/requirements/file-model',
    mustNotImport: ['src/requirements/scan', 'src/requirements/pip', 'src/requirements/pyproject', 'src/requirements/pipfile'],
  },
];

const COMMON_MAY_IMPORT = ['src/common', 'src/calendar'];

function layerViolations(files: SourceFile[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    for (const specifier of importsOf(file)) {
      const target = targetOf(file, specifier);
      const where = `${file.path} imports '${specifier}'`;

      if (isUnder(file.path, 'src/common') && target !== null && isUnder(target, 'src') && !COMMON_MAY_IMPORT.some((folder) => isUnder(target, folder))) {
        violations.push(`${where}: src/common/ may import only src/common/ and src/calendar/, not feature code`);
      }

      for (const { folder, packages } of PURE_FOLDERS) {
        if (!isUnder(file.path, folder)) continue;
        if (target === null) {
          const allowed = isSpec(file.path)
            ? [...packages, ...TEST_ONLY_PACKAGES].includes(specifier) || specifier.startsWith('node:')
            : packages.includes(specifier);
          if (!allowed)
            violations.push(`${where}: ${folder}/ is plain TypeScript; it may use ${packages.length > 0 ? `only ${packages.join(', ')}` : 'no packages'}`);
        } else if (!isUnder(target, folder) && !(isSpec(file.path) && isUnder(target, 'test/fixtures'))) {
          violations.push(`${where}: ${folder}/ may not import anything outside itself`);
        }
      }

      for (const { folder, mustNotImport } of ENGINE_BELOW) {
        if (!isUnder(file.path, folder) || target === null) continue;
        const above = mustNotImport.find((upper) => isUnder(target, upper));
        if (above !== undefined) violations.push(`${where}: ${folder}/ sits below ${above}/`);
      }
    }
  }
  return violations;
}

describe('layers', () => {
  it('hold in src/: common below the features, the calendar and the engine standing alone, the engine readers below the scan', () => {
    const files = sourceFilesUnder('src');
    expect(files.filter((file) => isUnder(file.path, 'src/common')).length).toBeGreaterThan(10);
    expect(files.filter((file) => isUnder(file.path, 'src/requirements/pip')).length).toBeGreaterThan(5);
    expect(layerViolations(files)).toEqual([]);
  });

  it('are checked: each kind of wrong import is reported', () => {
    const files: SourceFile[] = [
      { path: 'src/common/database/entities.ts', text: "import { ReleaseEntity } from '../../releases/release.entity';" },
      { path: 'src/common/config/app-config.ts', text: "import type { Environment } from '../../calendar/environment';" },
      { path: 'src/common/graphql/scalars.ts', text: "export { isCalendarDate } from '../../releases/domain/calendar-date';" },
      { path: 'src/requirements/scan/scan.ts', text: "import { Injectable } from '@nestjs/common';" },
      { path: 'src/requirements/pip/x.ts', text: "import type { Repository } from 'typeorm';\nimport { y } from '../../common/y';" },
      { path: 'src/requirements/pip/parse.ts', text: "import { declareRequirement } from '../scan/declare';" },
      { path: 'src/requirements/file-model/declare.ts', text: "const link = import('../pip/link');" },
      {
        path: 'src/requirements/pep440/version.spec.ts',
        text: "import { it } from 'vitest';\nimport { load } from '../../../test/fixtures/packaging/load-fixture';",
      },
      { path: 'src/calendar/zoned-time.ts', text: "import { DateTime } from 'luxon';" },
    ];
    expect(layerViolations(files)).toEqual([
      "src/common/database/entities.ts imports '../../releases/release.entity': src/common/ may import only src/common/ and src/calendar/, not feature code",
      "src/common/graphql/scalars.ts imports '../../releases/domain/calendar-date': src/common/ may import only src/common/ and src/calendar/, not feature code",
      "src/requirements/scan/scan.ts imports '@nestjs/common': src/requirements/ is plain TypeScript; it may use only @iarna/toml",
      "src/requirements/pip/x.ts imports 'typeorm': src/requirements/ is plain TypeScript; it may use only @iarna/toml",
      "src/requirements/pip/x.ts imports '../../common/y': src/requirements/ may not import anything outside itself",
      "src/requirements/pip/parse.ts imports '../scan/declare': src/requirements/pip/ sits below src/requirements/scan/",
      "src/requirements/file-model/declare.ts imports '../pip/link': src/requirements/file-model/ sits below src/requirements/pip/",
      "src/calendar/zoned-time.ts imports 'luxon': src/calendar/ is plain TypeScript; it may use no packages",
    ]);
  });
});
