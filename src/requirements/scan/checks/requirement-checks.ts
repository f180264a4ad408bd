/**
 * Checks that look at one requirement on its own: pinning, satisfiability, where it
 * installs from, editable installs and pre-release pins. Each check is a small function
 * returning its finding or null.
 */
import type { Finding, SpecifierClause } from '../../types';
import { urlScheme } from '../../file-model/link';
import { makeFinding } from '../findings';
import type { FindingCode } from '../finding-codes';
import type { DeclaredRequirement } from '../../file-model/model';
import { isRequirementSatisfiable, pinnedVersion, pinnedVersionText } from '../requirement-versions';

type RequirementCheck = (requirement: DeclaredRequirement) => Finding | null;

function findingOn(code: FindingCode, requirement: DeclaredRequirement, message: string, hint: string | null = null): Finding {
  return makeFinding(code, { file: requirement.file, line: requirement.line, package: requirement.name, message, hint });
}

function label(requirement: DeclaredRequirement): string {
  return requirement.rawName ?? requirement.url ?? requirement.text;
}

const INSECURE_SCHEMES = new Set(['http', 'git+http', 'git+git', 'hg+http', 'svn+http', 'svn+svn', 'bzr+http', 'ftp', 'bzr+ftp']);

/** Strips `user:password@` so that secrets in URLs never reach a finding. */
export function redactUrl(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@\s]*@/, '$1');
}

export function describeSpecifiers(requirement: Pick<DeclaredRequirement, 'specifiers' | 'alternatives'>): string {
  if (requirement.alternatives !== null) return requirement.alternatives.map((clauses) => clausesText(clauses) || 'any version').join(' or ');
  if (requirement.specifiers.length === 0) return 'any version';
  return clausesText(requirement.specifiers);
}

/** `>=1.0,<2`; a loop rather than map/join, since every UNPINNED message asks for it. */
function clausesText(clauses: readonly SpecifierClause[]): string {
  let text = '';
  for (let index = 0; index < clauses.length; index += 1) text += (index === 0 ? '' : ',') + clauses[index].operator + clauses[index].version;
  return text;
}

const unsatisfiable: RequirementCheck = (requirement) =>
  isRequirementSatisfiable(requirement)
    ? null
    : findingOn('UNSATISFIABLE', requirement, `${label(requirement)}: no version satisfies ${describeSpecifiers(requirement)}`);

const unnamed: RequirementCheck = (requirement) =>
  requirement.name !== null
    ? null
    : findingOn(
        'UNNAMED_REQUIREMENT',
        requirement,
        `${redactUrl(requirement.url ?? requirement.text)} names no project, so it cannot be checked against the runtime or advisories`,
      );

const editable: RequirementCheck = (requirement) =>
  requirement.editable
    ? findingOn('EDITABLE', requirement, `${label(requirement)} is installed in editable (development) mode from ${redactUrl(requirement.url ?? '?')}`)
    : null;

const insecureUrl: RequirementCheck = (requirement) => {
  if (requirement.url === null) return null;
  const scheme = urlScheme(requirement.url);
  if (scheme === null || !INSECURE_SCHEMES.has(scheme)) return null;
  return findingOn('INSECURE_URL', requirement, `${label(requirement)} is downloaded over an unencrypted connection (${scheme}://)`);
};

const localPath: RequirementCheck = (requirement) =>
  requirement.source === 'path' ? findingOn('LOCAL_PATH', requirement, `${label(requirement)} installs from the local path ${requirement.url}`) : null;

const unpinnedDirectReference: RequirementCheck = (requirement) => {
  const { vcs } = requirement;
  if (requirement.source === 'vcs' && vcs && !vcs.immutable && !requirement.editable) {
    const revision = vcs.revision === null ? 'no revision (the default branch)' : `revision "${vcs.revision}", which can move`;
    return findingOn(
      'UNPINNED_DIRECT_REFERENCE',
      requirement,
      `${label(requirement)} comes from ${vcs.vcs} with ${revision}`,
      'Reference a full commit hash: @<40 hex digits>.',
    );
  }
  if (requirement.source === 'url' && requirement.urlHash === null && requirement.hashes.length === 0) {
    return findingOn(
      'UNPINNED_DIRECT_REFERENCE',
      requirement,
      `${label(requirement)} is downloaded from ${redactUrl(requirement.url!)} without a hash, so the file can change`,
      'Append #sha256=<digest> to the URL or add --hash=sha256:<digest>.',
    );
  }
  return null;
};

const unpinned: RequirementCheck = (requirement) => {
  if (requirement.source !== 'index' || requirement.name === null || requirement.constraint || pinnedVersionText(requirement) !== null) return null;
  const specifiers = describeSpecifiers(requirement);
  const message =
    specifiers === 'any version'
      ? `${label(requirement)} is not pinned: any version may be installed`
      : `${label(requirement)} is not pinned: ${specifiers} allows more than one version`;
  return findingOn('UNPINNED', requirement, message);
};

function isDigitsAndDots(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== 0x2e && (code < 0x30 || code > 0x39)) return false;
  }
  return true;
}

const prereleasePin: RequirementCheck = (requirement) => {
  const pinnedText = pinnedVersionText(requirement);
  // Plain dotted numbers are never pre-releases; only other spellings need parsing.
  if (pinnedText === null || isDigitsAndDots(pinnedText)) return null;
  const pinned = pinnedVersion(requirement);
  return pinned !== null && pinned.isPrerelease
    ? findingOn('PRERELEASE_PIN', requirement, `${label(requirement)} is pinned to the pre-release ${pinned}`)
    : null;
};

const CHECKS: readonly RequirementCheck[] = [unsatisfiable, unnamed, editable, insecureUrl, localPath, unpinnedDirectReference, unpinned, prereleasePin];

/** Adds what every check finds about the requirement to `findings`. */
export function checkRequirement(requirement: DeclaredRequirement, findings: Finding[]): void {
  for (const check of CHECKS) {
    const finding = check(requirement);
    if (finding !== null) findings.push(finding);
  }
}
