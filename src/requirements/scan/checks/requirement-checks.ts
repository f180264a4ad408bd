/**
 * Checks that look at one requirement on its own: pinning, satisfiability, where it
 * installs from, editable installs and pre-release pins.
 */
import type { Finding } from '../../types';
import { urlScheme } from '../../pip/link';
import { makeFinding } from '../findings';
import type { DeclaredRequirement } from '../model';
import { isRequirementSatisfiable, pinnedVersion, pinnedVersionText } from '../requirement-versions';

function where(requirement: DeclaredRequirement): { file: string; line: number; package: string | null } {
  return { file: requirement.file, line: requirement.line, package: requirement.name };
}

function label(requirement: DeclaredRequirement): string {
  return requirement.rawName ?? requirement.url ?? requirement.text;
}

const INSECURE_SCHEMES = new Set(['http', 'git+http', 'git+git', 'hg+http', 'svn+http', 'svn+svn', 'bzr+http', 'ftp', 'bzr+ftp']);

/** Strips `user:password@` so that secrets in URLs never reach a finding. */
export function redactUrl(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@\s]*@/, '$1');
}

export function checkRequirement(requirement: DeclaredRequirement): Finding[] {
  const findings: Finding[] = [];
  const at = where(requirement);
  const name = label(requirement);

  if (!isRequirementSatisfiable(requirement)) {
    findings.push(makeFinding('UNSATISFIABLE', { ...at, message: `${name}: no version satisfies ${describeSpecifiers(requirement)}` }));
  }

  if (requirement.name === null) {
    findings.push(
      makeFinding('UNNAMED_REQUIREMENT', { ...at, message: `${redactUrl(requirement.url ?? requirement.text)} names no project, so it cannot be checked against the runtime or advisories` }),
    );
  }

  if (requirement.editable) {
    findings.push(makeFinding('EDITABLE', { ...at, message: `${name} is installed in editable (development) mode from ${redactUrl(requirement.url ?? '?')}` }));
  }

  const scheme = requirement.url === null ? null : urlScheme(requirement.url);
  if (requirement.url !== null && scheme !== null && INSECURE_SCHEMES.has(scheme)) {
    findings.push(makeFinding('INSECURE_URL', { ...at, message: `${name} is downloaded over an unencrypted connection (${scheme}://)` }));
  }

  if (requirement.source === 'path') {
    findings.push(makeFinding('LOCAL_PATH', { ...at, message: `${name} installs from the local path ${requirement.url}` }));
  } else if (requirement.source === 'vcs' && requirement.vcs && !requirement.vcs.immutable && !requirement.editable) {
    const revision = requirement.vcs.revision === null ? 'no revision (the default branch)' : `revision "${requirement.vcs.revision}", which can move`;
    findings.push(
      makeFinding('UNPINNED_DIRECT_REFERENCE', {
        ...at,
        message: `${name} comes from ${requirement.vcs.vcs} with ${revision}`,
        hint: 'Reference a full commit hash: @<40 hex digits>.',
      }),
    );
  } else if (requirement.source === 'url' && requirement.urlHash === null && requirement.hashes.length === 0) {
    findings.push(
      makeFinding('UNPINNED_DIRECT_REFERENCE', {
        ...at,
        message: `${name} is downloaded from ${redactUrl(requirement.url!)} without a hash, so the file can change`,
        hint: 'Append #sha256=<digest> to the URL or add --hash=sha256:<digest>.',
      }),
    );
  }

  if (requirement.source === 'index' && requirement.name !== null && !requirement.constraint && pinnedVersionText(requirement) === null) {
    const specifiers = describeSpecifiers(requirement);
    findings.push(
      makeFinding('UNPINNED', {
        ...at,
        message: specifiers === 'any version' ? `${name} is not pinned: any version may be installed` : `${name} is not pinned: ${specifiers} allows more than one version`,
      }),
    );
  }

  const pinned = pinnedVersion(requirement);
  if (pinned !== null && pinned.isPrerelease) {
    findings.push(makeFinding('PRERELEASE_PIN', { ...at, message: `${name} is pinned to the pre-release ${pinned}` }));
  }
  return findings;
}

export function describeSpecifiers(requirement: Pick<DeclaredRequirement, 'specifiers' | 'alternatives'>): string {
  if (requirement.alternatives !== null) {
    return requirement.alternatives.map((clauses) => clauses.map((c) => `${c.operator}${c.version}`).join(',') || 'any version').join(' or ');
  }
  if (requirement.specifiers.length === 0) return 'any version';
  return requirement.specifiers.map((c) => `${c.operator}${c.version}`).join(',');
}
