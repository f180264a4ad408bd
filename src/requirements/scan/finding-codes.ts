/**
 * The catalogue of finding codes: the single source for severities, the README table
 * and the SARIF rule metadata. Codes are stable: never rename or reuse one; retire a
 * code by leaving it here marked deprecated.
 */
import type { Severity } from '../types';

export interface FindingCodeInfo {
  code: string;
  severity: Severity;
  title: string;
  description: string;
  /** A line that produces the finding (with the file it sits in, when it matters). */
  example: string;
  /** The default advice; findings may give a more specific one. */
  hint: string;
  /** Needs a runtime release (`runtime` / `--runtime`) to be checked. */
  needsRuntime: boolean;
}

const CODES = [
  {
    code: 'PARSE_ERROR',
    severity: 'ERROR',
    title: 'Line is not a valid requirement or option',
    description: 'pip (or the TOML reader, for pyproject.toml and Pipfile) rejects this line. The rest of the file is still scanned.',
    example: 'requests>=2.0,,<3',
    hint: 'Fix the syntax: PEP 508 for requirements, pip options as documented by `pip install --help`.',
    needsRuntime: false,
  },
  {
    code: 'UNSUPPORTED_FILE',
    severity: 'ERROR',
    title: 'File is not in a format the scanner reads',
    description:
      'The file is a lock file, manifest or data document of another format (`Cargo.lock`, `package-lock.json`, `environment.yml`, an unknown TOML file...). One finding for the whole file, instead of a PARSE_ERROR on every line; nothing in it is checked.',
    example: 'pdm.lock',
    hint: 'Scan requirements.txt, pyproject.toml, Pipfile, Pipfile.lock, poetry.lock, pylock.toml or uv.lock; export other lock files to pylock.toml or requirements.txt.',
    needsRuntime: false,
  },
  {
    code: 'INCLUDE_NOT_FOUND',
    severity: 'ERROR',
    title: 'Included file is not in the scan',
    description: 'A `-r` or `-c` line names a file that is not among the scanned files; pip would stop with "Could not open requirements file".',
    example: '-r requirements/base.txt',
    hint: 'Scan the included file too (pass every file of the set), or fix the path: it is relative to the including file.',
    needsRuntime: false,
  },
  {
    code: 'INCLUDE_CYCLE',
    severity: 'ERROR',
    title: 'Files include each other',
    description: 'Following `-r`/`-c` lines leads back to a file already being read; pip would recurse until it fails.',
    example: '-r requirements.txt   (in a file that requirements.txt includes)',
    hint: 'Remove one of the includes so that the files form a tree.',
    needsRuntime: false,
  },
  {
    code: 'RUNTIME_OVERRIDE',
    severity: 'WARNING',
    title: "Requirement replaces the runtime's bundled package",
    description:
      "The runtime bundles this package, the requirement's marker holds on the runtime, and its specifier excludes the bundled version (packaging's `SpecifierSet.contains(bundled, prereleases=True)` is false): pip installs another version over the platform's copy.",
    example: 'Django>=2.1   (runtime bundles Django 2.0.7)',
    hint: 'Accept the bundled version (widen the specifier to include it), or make sure the app is tested with the version it installs.',
    needsRuntime: true,
  },
  {
    code: 'RUNTIME_REPLACED_BY_REFERENCE',
    severity: 'WARNING',
    title: "Direct reference replaces the runtime's bundled package",
    description:
      "The runtime bundles this package and the requirement installs it from a URL, a VCS repository or a local path (its marker holds on the runtime). With no version specifier it is not a RUNTIME_OVERRIDE, but pip still installs that copy over the platform's.",
    example: 'django @ git+https://github.com/django/django.git@stable/2.1.x   (runtime bundles Django 2.0.7)',
    hint: 'Use the bundled version, or pin the reference to a commit and test the app with what it installs.',
    needsRuntime: true,
  },
  {
    code: 'RUNTIME_DOWNGRADE',
    severity: 'ERROR',
    title: 'Requirement allows only versions older than the bundled one',
    description:
      "An override where every version the specifier allows is older than the runtime's bundled version: the app would run on an older copy than the platform supports and lose its fixes.",
    example: 'Django==1.11.29   (runtime bundles Django 2.0.7)',
    hint: 'Upgrade the app to the bundled version, or pin a version at or above it.',
    needsRuntime: true,
  },
  {
    code: 'PYTHON_INCOMPATIBLE',
    severity: 'ERROR',
    title: "The project excludes the runtime's Python",
    description:
      "`requires-python`, Poetry's `python` dependency or the Pipfile's `[requires]` section excludes the runtime's Python version: the installer refuses the project.",
    example: 'requires-python = ">=3.8"   (runtime runs Python 3.6)',
    hint: 'Choose a runtime with a supported Python, or widen the Python requirement if the code really runs there.',
    needsRuntime: true,
  },
  {
    code: 'MARKER_EXCLUDES_RUNTIME',
    severity: 'INFO',
    title: 'Requirement is skipped on the runtime',
    description:
      "The requirement's environment marker is false on the runtime (its Python version, Linux, CPython), so pip does not install it there. Usually intended (backports); listed so nobody is surprised.",
    example: 'dataclasses==0.8; python_version < "3.7"   (runtime runs Python 3.8)',
    hint: 'Nothing to do if that is intended; otherwise correct the marker.',
    needsRuntime: true,
  },
  {
    code: 'UNSATISFIABLE',
    severity: 'ERROR',
    title: 'No version can satisfy the specifiers',
    description:
      'The specifiers of one requirement, or of every requirement and constraint for the same package under the same marker, exclude every possible version.',
    example: 'urllib3>=2,<1.26',
    hint: 'Correct the bounds so that some version satisfies all of them.',
    needsRuntime: false,
  },
  {
    code: 'DUPLICATE',
    severity: 'WARNING',
    title: 'Package required more than once',
    description:
      "The same package is required again under the same marker (in this file or an included one). pip merges the specifiers, which hides mistakes when the lines drift apart. Reported on the later line in pip's reading order (an included file is read where its `-r` line stands), naming the earlier one.",
    example: 'requests==2.31.0   (and again: requests>=2.0)',
    hint: 'Keep one requirement per package; use a constraints file (-c) for shared pins.',
    needsRuntime: false,
  },
  {
    code: 'UNPINNED',
    severity: 'WARNING',
    title: 'Version is not pinned',
    description: 'The requirement has no `==` or `===` pin, so each deployment may install a different version. The platform recommends pinning hard.',
    example: 'celery>=5.2',
    hint: 'Pin the tested version: `name==x.y.z` (pip-compile or `pip freeze` produce pins), or scan the lock file export.',
    needsRuntime: false,
  },
  {
    code: 'HASHES_INCOMPLETE',
    severity: 'ERROR',
    title: 'Hash-checking mode with requirements that pip would refuse',
    description:
      'Some requirements or constraints carry `--hash` (or the file sets `--require-hashes`), which puts pip in hash-checking mode for the whole install; then every requirement needs a hash and an `==` pin, and editable requirements are refused. With a runtime, lines whose marker is false on it are not reported: pip drops them before it checks hashes.',
    example: 'six==1.16.0   (next to lines with --hash=sha256:...)',
    hint: 'Generate hashes for every requirement (`pip-compile --generate-hashes`) and pin each with ==.',
    needsRuntime: false,
  },
  {
    code: 'UNAPPROVED_INDEX',
    severity: 'ERROR',
    title: 'Package source outside the allow-list',
    description: 'An index URL, extra index URL or find-links location does not start with any approved prefix (policy `allowedIndexUrls` / `--allow-index`).',
    example: '--extra-index-url https://pypi.example.net/simple',
    hint: "Install from the organisation's mirror; ask the platform team to approve the source if it is needed.",
    needsRuntime: false,
  },
  {
    code: 'INSECURE_INDEX',
    severity: 'ERROR',
    title: 'Package source over plain HTTP',
    description: 'An index, find-links location or source uses http:// (or disables TLS verification): anyone on the path can substitute packages.',
    example: '--index-url http://mirror.local/simple',
    hint: 'Use https:// with a valid certificate.',
    needsRuntime: false,
  },
  {
    code: 'TRUSTED_HOST',
    severity: 'WARNING',
    title: 'TLS verification disabled for a host',
    description: '`--trusted-host` makes pip accept plain HTTP or invalid certificates from the host.',
    example: '--trusted-host mirror.local',
    hint: 'Give the host a valid certificate and drop --trusted-host.',
    needsRuntime: false,
  },
  {
    code: 'INSECURE_URL',
    severity: 'ERROR',
    title: 'Requirement downloaded over plain HTTP',
    description: 'A direct reference uses http:// (or git+http://): anyone on the path can substitute the code.',
    example: 'mylib @ http://files.example.com/mylib-1.0.tar.gz',
    hint: 'Use https://.',
    needsRuntime: false,
  },
  {
    code: 'UNPINNED_DIRECT_REFERENCE',
    severity: 'WARNING',
    title: 'Direct reference can change under the same name',
    description: 'A VCS reference without a full commit hash (a branch or tag can move), or a URL without a hash (`#sha256=` or `--hash`).',
    example: 'git+https://github.com/org/lib.git@main#egg=lib',
    hint: 'Reference a full commit hash (`@<40 hex digits>`), or add `#sha256=<digest>` / `--hash` to a URL.',
    needsRuntime: false,
  },
  {
    code: 'EDITABLE',
    severity: 'WARNING',
    title: 'Editable install',
    description:
      'An editable (`-e`, Poetry `develop = true`, Pipfile `editable = true`) requirement links to a working copy; it is meant for development, not deployments.',
    example: '-e git+https://github.com/org/lib.git@v1.2#egg=lib',
    hint: 'Install a built, pinned release instead.',
    needsRuntime: false,
  },
  {
    code: 'LOCAL_PATH',
    severity: 'INFO',
    title: 'Requirement installs from a local path',
    description:
      'A directory or archive on disk (or a `file:` URL): it must exist where pip runs, and its version is whatever is there. A `file:` URL must name this machine (`file:///srv/lib`, `file://localhost/srv/lib`); pip refuses any other host (`file://server/x`, `file://.`), and so does the scan, with PARSE_ERROR.',
    example: './libs/internal-tools',
    hint: 'Publish the package to the internal index and pin it, or make sure the path ships with the app.',
    needsRuntime: false,
  },
  {
    code: 'UNNAMED_REQUIREMENT',
    severity: 'INFO',
    title: 'Requirement names no project',
    description:
      'A path or URL without `#egg=name` or a recognisable file name: pip learns the name only when it builds the package, so the scan cannot check it against the runtime or advisories.',
    example: 'https://example.com/downloads/archive.zip',
    hint: 'Write it as `name @ url` so tools know what it is.',
    needsRuntime: false,
  },
  {
    code: 'IGNORED_OPTION',
    severity: 'WARNING',
    title: 'pip ignores part of this line',
    description:
      'Options or words that pip silently drops where they are written: file-wide options on a requirement line, options next to `-r`/`-e`, a second `--find-links`, text after the options.',
    example: 'requests==2.31.0 --index-url https://mirror.example/simple',
    hint: 'Put each file-wide option on its own line; keep per-requirement options (--hash, --config-settings, --global-option) with their requirement.',
    needsRuntime: false,
  },
  {
    code: 'ENV_VAR_UNDEFINED',
    severity: 'INFO',
    title: 'Environment variable not set for the scan',
    description:
      "A `${VAR}` reference has no value in the scan's environment; pip keeps such a reference as written, so the line is checked with the literal text.",
    example: '--index-url https://${PYPI_TOKEN}@pypi.example.com/simple',
    hint: 'Provide the variable when scanning, or ignore this if it is a secret set only where pip runs.',
    needsRuntime: false,
  },
  {
    code: 'PRERELEASE_PIN',
    severity: 'INFO',
    title: 'Pinned to a pre-release',
    description: 'The requirement pins an alpha, beta, release candidate or development version.',
    example: 'Django==4.2rc1',
    hint: 'Move to the final release when it is out.',
    needsRuntime: false,
  },
  {
    code: 'VULNERABLE',
    severity: 'ERROR',
    title: 'Known vulnerability in the pinned version',
    description:
      "An imported OSV advisory affects the version the requirement pins (`==`/`===`), or the runtime's bundled version of a package the files do not override.",
    example: 'urllib3==1.26.4   (GHSA-q2q7-5pp4-w6pg, fixed in 1.26.5)',
    hint: 'Upgrade to a fixed version.',
    needsRuntime: false,
  },
  {
    code: 'RUNTIME_VULNERABLE',
    severity: 'WARNING',
    title: "The runtime's bundled package has a known vulnerability",
    description:
      'An imported OSV advisory affects the version the runtime bundles, and the files keep that version (they do not require the package, or their specifier accepts the bundled version). The fix belongs to the platform, or to the app by pinning a fixed version.',
    example: 'Django>=2.0   (runtime bundles Django 2.0.7, affected by GHSA-...)',
    hint: 'Move to a runtime release with a fixed version, or pin a fixed version in the app.',
    needsRuntime: true,
  },
  {
    code: 'RUNTIME_END_OF_LIFE',
    severity: 'ERROR',
    title: 'The runtime has reached its end of life',
    description:
      "The chosen runtime release's end of support is on or before the day of the scan: it gets no more fixes, and apps on it must move to its migration target (named in the message).",
    example: '--runtime 37.22.0   (end of support 2022-03-31; migrate to its migration target)',
    hint: 'Move the app to a supported runtime release, its migration target first.',
    needsRuntime: true,
  },
  {
    code: 'RUNTIME_DEPRECATED',
    severity: 'WARNING',
    title: 'The runtime is deprecated: its end of support is announced',
    description:
      "The day of the scan is inside the notice window before the runtime's end of support: it is still supported, but the message says how many days are left and which release to migrate to.",
    example: '--runtime 36.11.0   (on 2019-09-01: support ends 2020-03-31, in 212 days)',
    hint: 'Plan the move to the migration target before the end of support.',
    needsRuntime: true,
  },
  {
    code: 'RUNTIME_ANTICIPATED',
    severity: 'INFO',
    title: 'The runtime is not generally available yet',
    description: 'The chosen runtime release is announced, but its general availability is after the day of the scan: apps cannot be deployed on it yet.',
    example: '--runtime 37.22.0   (on 2018-10-01: available from 2019-04-01)',
    hint: 'Scan against it to prepare; deploy once it is available.',
    needsRuntime: true,
  },
  {
    code: 'SUPPRESSION_INVALID',
    severity: 'ERROR',
    title: 'Ignore entry of .pype-lifecycle.toml is invalid',
    description:
      'An `[[ignore]]` entry lacks its code, reason or until, names an unknown finding code, has an `until` that is not a TOML date or lies more than 12 months ahead, or has an unknown key. The entry suppresses nothing; the message names it and every problem.',
    example: '[[ignore]] code = "UNPINNED" until = 2027-06-30   (no reason)',
    hint: 'Fix the entry: code (a known finding code), reason and until (a TOML date at most a year ahead) are required; package and id are optional.',
    needsRuntime: false,
  },
  {
    code: 'SUPPRESSION_EXPIRED',
    severity: 'WARNING',
    title: 'Ignore entry of .pype-lifecycle.toml has expired',
    description: "The entry's `until` date has passed: it no longer suppresses anything, and the findings it covered are reported again.",
    example: '[[ignore]] code = "UNPINNED" reason = "base image" until = 2020-01-31',
    hint: 'Fix the findings it covered, or, if they are still accepted, set a new until (at most a year ahead) with a reason.',
    needsRuntime: false,
  },
] as const satisfies readonly FindingCodeInfo[];

export type FindingCode = (typeof CODES)[number]['code'];

export const FINDING_CODES: readonly FindingCodeInfo[] = CODES;

const BY_CODE = new Map<string, FindingCodeInfo>(CODES.map((info) => [info.code, info]));

export function findingCodeInfo(code: FindingCode): FindingCodeInfo {
  return BY_CODE.get(code)!;
}

export function isFindingCode(code: string): code is FindingCode {
  return BY_CODE.has(code);
}

const SEVERITY_RANK: Record<Severity, number> = { ERROR: 0, WARNING: 1, INFO: 2 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

const RANK_BY_CODE = new Map<string, number>(CODES.map((info, index) => [info.code, index]));

/** The position of a code in the catalogue, used to order findings of equal place. */
export function codeRank(code: string): number {
  return RANK_BY_CODE.get(code) ?? CODES.length;
}

function escapeTableCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The README table of finding codes (code, severity, meaning, example line). */
export function findingCodesMarkdown(): string {
  const rows = FINDING_CODES.map(
    (info) =>
      `| \`${info.code}\` | ${info.severity} | ${escapeTableCell(info.title)}: ${escapeTableCell(info.description)} | \`${escapeTableCell(info.example)}\` |`,
  );
  return ['| Code | Severity | Meaning | Example |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
