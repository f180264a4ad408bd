/**
 * Checks over everything one install reads together (a top-level requirements file and
 * its includes, or one dependency group of a pyproject.toml/Pipfile): the same package
 * required twice, requirements and constraints that cannot all hold, and pip's
 * hash-checking mode.
 */
import type { Finding } from '../../types';
import { makeFinding } from '../findings';
import type { DeclaredRequirement } from '../../file-model/model';
import type { InstallSetRead } from '../include-graph';
import { areClausesSatisfiable, isRequirementSatisfiable, pinnedVersionText } from '../requirement-versions';

/** One read of a requirement within an install set (a file may be read as requirements and as constraints). */
export type SetEntry = InstallSetRead;

function place(requirement: DeclaredRequirement): string {
  return `${requirement.file} line ${requirement.line}`;
}

/**
 * The names read more than once in an install set, each with all its entries in reading
 * order (entries without a name are left out). Only these can be duplicates or combine
 * into something unsatisfiable, and most names are read once: they get no list of their own.
 */
export function repeatedNames(entries: readonly SetEntry[]): Map<string, SetEntry[]> {
  const firstByName = new Map<string, SetEntry>();
  const repeated = new Map<string, SetEntry[]>();
  for (const entry of entries) {
    const { name } = entry.requirement;
    if (name === null) continue;
    const first = firstByName.get(name);
    if (first === undefined) {
      firstByName.set(name, entry);
      continue;
    }
    const group = repeated.get(name);
    if (group === undefined) repeated.set(name, [first, entry]);
    else group.push(entry);
  }
  return repeated;
}

/** One name's entries split by marker, each list in reading order. */
function byMarker(group: SetEntry[]): SetEntry[][] {
  const lists = new Map<string | null, SetEntry[]>();
  for (const entry of group) {
    const list = lists.get(entry.requirement.marker);
    if (list === undefined) lists.set(entry.requirement.marker, [entry]);
    else list.push(entry);
  }
  return [...lists.values()];
}

/** The same package required twice under the same marker (see repeatedNames). */
export function checkDuplicates(repeated: Map<string, SetEntry[]>): Finding[] {
  const findings: Finding[] = [];
  for (const named of repeated.values()) {
    for (const all of byMarker(named)) {
      if (all.length < 2) continue;
      const group = all.filter((entry) => !entry.asConstraint);
      const [first, ...rest] = group;
      for (const entry of rest) {
        const { requirement } = entry;
        if (requirement === first.requirement) continue;
        findings.push(
          makeFinding('DUPLICATE', {
            file: requirement.file,
            line: requirement.line,
            package: requirement.name,
            message: `${requirement.rawName ?? requirement.name} is already required at ${place(first.requirement)}${requirement.marker ? ` under the same marker (${requirement.marker})` : ''}`,
          }),
        );
      }
    }
  }
  return findings;
}

/**
 * Requirements and constraints for one package under one marker (a constraint without
 * marker applies to all). A name read once has nothing to combine.
 */
export function checkCombinedSatisfiable(repeated: Map<string, SetEntry[]>): Finding[] {
  const findings: Finding[] = [];
  for (const named of repeated.values()) {
    const name = named[0].requirement.name!;
    const constraintsWithoutMarker = named.filter((entry) => entry.asConstraint && entry.requirement.marker === null);
    for (const group of byMarker(named)) {
      if (group.length < 2 && constraintsWithoutMarker.length === 0) continue;
      const finding = combinedUnsatisfiable(name, [...new Set([...group, ...constraintsWithoutMarker])]);
      if (finding !== null) findings.push(finding);
    }
  }
  return findings;
}

function combinedUnsatisfiable(name: string, members: SetEntry[]): Finding | null {
  if (!members.some((entry) => !entry.asConstraint)) return null;
  // Each line on its own is reported by checkRequirement; Poetry unions are left to it too.
  if (members.some((entry) => entry.requirement.alternatives !== null || !isRequirementSatisfiable(entry.requirement))) return null;
  const distinct = [...new Set(members.map((entry) => entry.requirement))];
  if (distinct.length < 2) return null;
  if (areClausesSatisfiable(distinct.flatMap((requirement) => requirement.specifiers))) return null;
  // Reported on the last requirement read (not on a constraint): that is where pip gives up.
  const last = [...members].reverse().find((entry) => !entry.asConstraint)!.requirement;
  const others = distinct.filter((requirement) => requirement !== last).map(place);
  return makeFinding('UNSATISFIABLE', {
    file: last.file,
    line: last.line,
    package: last.name,
    message: `${last.rawName ?? name}: no version satisfies this together with ${others.join(', ')}`,
    hint: 'Make the requirements and constraints for this package agree on at least one version.',
  });
}

export interface HashModeTrigger {
  file: string;
  line: number;
  reason: string;
}

/**
 * pip turns on hash checking for the whole install when a file says --require-hashes or any
 * line it parsed has --hash: constraints too, and lines whose marker is false (pip's
 * `get_requirements` asks `has_hash_options` of every parsed requirement before markers count).
 */
export function hashModeTrigger(entries: SetEntry[], requireHashesLines: Array<{ file: string; line: number }>): HashModeTrigger | null {
  const hashed = entries.find((entry) => entry.requirement.hashes.length > 0);
  const explicit = requireHashesLines[0];
  if (explicit) return { file: explicit.file, line: explicit.line, reason: `--require-hashes at ${explicit.file} line ${explicit.line}` };
  if (hashed) return { file: hashed.requirement.file, line: hashed.requirement.line, reason: `--hash at ${place(hashed.requirement)}` };
  return null;
}

function hashProblem(requirement: DeclaredRequirement): string | null {
  if (requirement.editable) return 'editable requirements cannot be installed when requiring hashes';
  if (requirement.source === 'vcs') return 'pip cannot verify hashes of version control checkouts';
  if (requirement.source === 'path' && !/\.(whl|zip|tar|tgz|tar\.gz|tar\.bz2|tbz|tar\.xz|txz)$/i.test(requirement.url ?? '')) {
    return 'pip cannot verify hashes of a directory';
  }
  if (requirement.hashes.length === 0 && requirement.urlHash === null) return 'it has no --hash';
  if (requirement.source === 'index' && pinnedVersionText(requirement) === null) return 'it is not pinned with == (hash-checking mode requires an exact pin)';
  return null;
}

/**
 * In hash-checking mode pip refuses each requirement it prepares without a usable hash and
 * pin. It prepares only what the resolver keeps, and the resolver drops a line whose marker
 * is false ("Ignoring x: markers don't match your environment"), so such a line is never
 * refused: `installedOnRuntime` answers false for it when a runtime is known.
 */
export function checkHashes(
  entries: SetEntry[],
  trigger: HashModeTrigger | null,
  installedOnRuntime: (requirement: DeclaredRequirement) => boolean = () => true,
): Finding[] {
  if (trigger === null) return [];
  const findings: Finding[] = [];
  for (const { requirement, asConstraint } of entries) {
    if (asConstraint || !installedOnRuntime(requirement)) continue;
    const problem = hashProblem(requirement);
    if (problem === null) continue;
    findings.push(
      makeFinding('HASHES_INCOMPLETE', {
        file: requirement.file,
        line: requirement.line,
        package: requirement.name,
        message: `pip refuses ${requirement.rawName ?? requirement.url ?? requirement.text} in hash-checking mode (turned on by ${trigger.reason}): ${problem}`,
      }),
    );
  }
  return findings;
}
