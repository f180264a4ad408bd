/**
 * Resolves `-r`/`-c` includes inside the scanned file set (paths are relative to the
 * including file's directory, as pip joins them), finds cycles, and works out the
 * install sets: each top-level file with everything it pulls in, each file marked as
 * read for requirements or, when reached through `-c`, as constraints (pip resets that
 * per include: `-r` inside a constraints file reads requirements again).
 */
import type { DeclaredRequirement, Include, Observation, ParsedFile } from '../file-model/model';

export interface InstallSetMember {
  file: ParsedFile;
  asConstraints: boolean;
}

/** One requirement as an install reads it: as a requirement, or as a constraint (`-c`). */
export interface InstallSetRead {
  requirement: DeclaredRequirement;
  asConstraint: boolean;
}

export interface InstallSet {
  root: ParsedFile;
  members: InstallSetMember[];
  /**
   * Every requirement in pip's reading order: an include's lines come where its `-r`/`-c`
   * line stands (pip's parser recurses there), so "first" and "last" mean what they mean to pip.
   */
  reads: InstallSetRead[];
}

export interface IncludeResolution {
  installSets: InstallSet[];
  observations: Observation[];
}

function isRemote(target: string): boolean {
  return /^(https?|file):/i.test(target);
}

/** POSIX-style normalisation: backslashes as slashes, `.` and `..` resolved, duplicate slashes dropped. */
export function normalizePath(path: string): string {
  const unified = path.replaceAll('\\', '/');
  const absolute = unified.startsWith('/');
  const parts: string[] = [];
  for (const part of unified.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  return (absolute ? '/' : '') + parts.join('/');
}

function directoryOf(path: string): string {
  const unified = path.replaceAll('\\', '/');
  const slash = unified.lastIndexOf('/');
  return slash < 0 ? '' : unified.slice(0, slash + 1);
}

/** pip's `os.path.join(os.path.dirname(filename), req_path)`: an absolute target stands alone. */
export function includeTargetPath(includingFile: string, target: string): string {
  const unified = target.replaceAll('\\', '/');
  return normalizePath(unified.startsWith('/') ? unified : directoryOf(includingFile) + unified);
}

interface Frame {
  file: ParsedFile;
  asConstraints: boolean;
  /** Index of the next include to follow. */
  next: number;
  /** Index of the next requirement of the file to read. */
  nextRequirement: number;
  onPath: Set<ParsedFile>;
}

/** Reads the frame's requirements that stand before `line` (all that are left for +Infinity). */
function readUpTo(frame: Frame, line: number, reads: InstallSetRead[]): void {
  const { requirements } = frame.file;
  while (frame.nextRequirement < requirements.length && requirements[frame.nextRequirement].line < line) {
    reads.push({ requirement: requirements[frame.nextRequirement], asConstraint: frame.asConstraints });
    frame.nextRequirement += 1;
  }
}

export function resolveIncludes(files: readonly ParsedFile[]): IncludeResolution {
  const byPath = new Map<string, ParsedFile>();
  for (const file of files) if (!byPath.has(normalizePath(file.file))) byPath.set(normalizePath(file.file), file);
  const observations: Observation[] = [];
  const edges = new Map<ParsedFile, Array<{ include: Include; target: ParsedFile }>>();
  const included = new Set<ParsedFile>();

  for (const file of files) {
    const list: Array<{ include: Include; target: ParsedFile }> = [];
    for (const include of file.includes) {
      if (isRemote(include.target)) {
        observations.push({
          code: 'INCLUDE_NOT_FOUND',
          file: file.file,
          line: include.line,
          package: null,
          message: `${include.kind === 'requirement' ? '-r' : '-c'} ${include.target}: remote files are not fetched by the scan, so their requirements are not checked`,
          hint: 'Download the file and scan it together with this one.',
        });
        continue;
      }
      const target = byPath.get(includeTargetPath(file.file, include.target));
      if (!target) {
        observations.push({
          code: 'INCLUDE_NOT_FOUND',
          file: file.file,
          line: include.line,
          package: null,
          message: `${include.kind === 'requirement' ? '-r' : '-c'} ${include.target}: ${includeTargetPath(file.file, include.target)} is not among the scanned files`,
          hint: 'Scan the included file too (paths are relative to the including file), or fix the path.',
        });
        continue;
      }
      list.push({ include, target });
      included.add(target);
    }
    edges.set(file, list);
  }

  const installSets: InstallSet[] = [];
  const visitedAnywhere = new Set<ParsedFile>();
  const reportedCycles = new Set<string>();

  const collect = (root: ParsedFile): InstallSet => {
    const members: InstallSetMember[] = [];
    const reads: InstallSetRead[] = [];
    const seenMembers = new Set<string>();
    // Iterative depth-first walk; the path stack detects cycles without recursion.
    const stack: Frame[] = [];
    const enter = (file: ParsedFile, asConstraints: boolean, onPath: Set<ParsedFile>): void => {
      visitedAnywhere.add(file);
      const key = `${asConstraints}\u0000${file.file}`;
      const first = !seenMembers.has(key);
      if (first) {
        seenMembers.add(key);
        members.push({ file, asConstraints });
      }
      // A file reached again in the same mode adds nothing new: it is walked (and read) once.
      stack.push({
        file,
        asConstraints,
        next: first ? 0 : Number.POSITIVE_INFINITY,
        nextRequirement: first ? 0 : file.requirements.length,
        onPath: new Set([...onPath, file]),
      });
    };
    enter(root, false, new Set());
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const list = edges.get(frame.file) ?? [];
      if (frame.next >= list.length) {
        readUpTo(frame, Number.POSITIVE_INFINITY, reads);
        stack.pop();
        continue;
      }
      const { include, target } = list[frame.next];
      frame.next += 1;
      readUpTo(frame, include.line, reads);
      if (frame.onPath.has(target)) {
        const key = `${include.file}\u0000${include.line}`;
        if (!reportedCycles.has(key)) {
          reportedCycles.add(key);
          observations.push({
            code: 'INCLUDE_CYCLE',
            file: include.file,
            line: include.line,
            package: null,
            message: `${include.kind === 'requirement' ? '-r' : '-c'} ${include.target} leads back to ${target.file}, which is already being read`,
            hint: 'Remove one of the includes so that the files form a tree.',
          });
        }
        continue;
      }
      enter(target, include.kind === 'constraint', frame.onPath);
    }
    return { root, members, reads };
  };

  for (const file of files) {
    if (!included.has(file)) installSets.push(collect(file));
  }
  // Files only reachable inside a cycle: start from the first of them, in input order.
  for (const file of files) {
    if (!visitedAnywhere.has(file)) installSets.push(collect(file));
  }
  return { installSets, observations };
}
