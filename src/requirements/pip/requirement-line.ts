/**
 * What a requirement line (or `-e` value) of a requirements file refers to, decided as
 * pip's `parse_req_from_line` and `parse_editable` (req/constructors.py) decide it, with
 * PEP 508 parsing done by our port of `packaging` 26.
 *
 * pip asks the file system whether a path is a directory; a scan has no file system, so
 * a value that looks like a path (`./x`, `a/b`, `.`) and is neither an archive nor a
 * `name @ url` requirement is taken to be a local project directory, which is what the
 * author of the file meant whenever pip accepts it.
 */
import type { ParsedRequirement, SpecifierClause } from '../types';
import type { RequirementSource } from '../file-model/model';
import { parseRequirement } from '../pep508/requirement';
import { parseMarker, markerToString } from '../pep508/marker';
import { parseVersion } from '../pep440/version';
import {
  isArchiveFile,
  isPipUrl,
  linkExtension,
  linkFilename,
  looksLikePath,
  nonLocalFileUrlError,
  stripExtras,
  urlFragmentValue,
  urlHashFragment,
  sourceOfUrl,
  urlScheme,
  vcsReference,
  VCS_NAMES,
  VCS_SCHEMES,
  type VcsReference,
} from '../file-model/link';
import { parseSourceDistributionFileName, parseWheelFileName } from './filenames';
import { isPythonWhitespace, stripPythonWhitespace } from './python-text';
import { errorMessage } from '../file-model/declare';
import { parsePlainRequirement } from './plain-requirement';

/** Where the project name came from, when the requirement names one. */
export type NameOrigin = 'requirement' | 'egg-fragment' | 'wheel-filename' | 'sdist-filename';

export interface InterpretedRequirement {
  rawName: string | null;
  /** PEP 503 canonical name; null when nothing names the project (a bare path or URL without `#egg=`). */
  name: string | null;
  nameOrigin: NameOrigin | null;
  extras: string[];
  specifiers: SpecifierClause[];
  marker: string | null;
  /** The URL or path the requirement points at, as written (PEP 508 `@ url`, a link, a path). */
  url: string | null;
  editable: boolean;
  source: RequirementSource;
  vcs: VcsReference | null;
  /** `#sha256=...` on the URL, as `algorithm:digest`. */
  urlHash: string | null;
}

export class RequirementLineError extends Error {
  constructor(
    message: string,
    readonly hint: string | null = null,
  ) {
    super(message);
  }
}

function sortedUnique(values: readonly string[]): string[] {
  if (values.length <= 1) return values.length === 0 ? [] : [values[0]];
  return [...new Set(values)].sort();
}

/** `Requirement(text)` with pip's hints when it fails. */
function parseRequirementString(text: string): ParsedRequirement {
  const plain = parsePlainRequirement(text);
  if (plain !== null) return plain;
  try {
    return parseRequirement(text);
  } catch (error) {
    let hint: string | null = null;
    if (text.includes('/')) hint = 'It looks like a path. Use ./path for a local project, or "name @ url" for a direct reference.';
    else if (text.includes('=') && !['~=', '==', '!=', '<=', '>=', '<', '>', '==='].some((op) => text.includes(op))) {
      hint = '= is not a valid operator. Did you mean == ?';
    }
    throw new RequirementLineError(`Invalid requirement: '${text}': ${errorMessage(error)}`, hint);
  }
}

/** pip's `safe_extra`: runs of characters other than letters, digits, `.` and `-` become `_`, then lower case. */
export function safeExtra(extra: string): string {
  return extra.replace(/[^A-Za-z0-9.-]+/g, '_').toLowerCase();
}

/** pip's `convert_extras`: `[a,B]` read through a placeholder requirement, lower-cased. */
function parseExtrasSuffix(extras: string): string[] {
  return parseRequirementString('placeholder' + extras.toLowerCase()).extras;
}

/** Normalised markers by text: files repeat the same few markers on many lines. Bounded against hostile input. */
const normalizedMarkers = new Map<string, string>();
const MARKER_MEMO_SIZE = 1024;
const MARKER_MEMO_KEY_LENGTH = 256;

function parseMarkerText(text: string): string {
  const known = normalizedMarkers.get(text);
  if (known !== undefined) return known;
  let normalized: string;
  try {
    normalized = markerToString(parseMarker(text));
  } catch (error) {
    throw new RequirementLineError(`Invalid marker: '${text}': ${errorMessage(error)}`);
  }
  if (text.length <= MARKER_MEMO_KEY_LENGTH) {
    if (normalizedMarkers.size >= MARKER_MEMO_SIZE) normalizedMarkers.clear();
    normalizedMarkers.set(text, normalized);
  }
  return normalized;
}

function isVersion(text: string): boolean {
  return parseVersion(text) !== null;
}

function hasWhitespace(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (isPythonWhitespace(text.charCodeAt(index))) return true;
  return false;
}

/** `name @ url` with a name that is not itself a path: pip hands it to PEP 508. */
function isNamedDirectReference(text: string): boolean {
  const at = text.indexOf('@');
  return at > 0 && !looksLikePath(text.slice(0, at));
}

/**
 * Our stand-in for pip's `os.path.isdir(path)` (see the module comment): a path-like value
 * that is not a PEP 508 requirement in disguise (no operators, spaces or `name @`).
 */
export function isAssumedLocalDirectory(text: string): boolean {
  if (!looksLikePath(text) || isArchiveFile(text) || isNamedDirectReference(text)) return false;
  for (const character of '<>=!~;,') if (text.includes(character)) return false;
  return !hasWhitespace(text);
}

function hashOfUrl(url: string | null): string | null {
  if (url === null) return null;
  const found = urlHashFragment(url);
  return found && `${found.algorithm}:${found.digest}`;
}

/** What a requirement text names (null when nothing does), and where that name was written. */
interface NamedParts {
  requirement: ParsedRequirement | null;
  origin: NameOrigin | null;
}

const UNNAMED: NamedParts = { requirement: null, origin: null };

function namedParts(requirementText: string, origin: NameOrigin): NamedParts {
  return { requirement: parseRequirementString(requirementText), origin };
}

/** The name a link gives: a wheel's file name, else the `#egg=` fragment (pip), else an sdist file name (ours). */
function partsFromLink(link: string): NamedParts {
  if (linkExtension(link) === '.whl') {
    const fileName = linkFilename(link);
    const wheel = parseWheelFileName(fileName);
    if (!wheel) throw new RequirementLineError(`${fileName} is not a valid wheel filename.`);
    return namedParts(`${wheel.name}==${wheel.version}`, 'wheel-filename');
  }
  const egg = urlFragmentValue(link, 'egg');
  if (egg !== null) return namedParts(egg, 'egg-fragment');
  const sdist = parseSourceDistributionFileName(linkFilename(link), isVersion);
  if (sdist) {
    try {
      return namedParts(`${sdist.name}==${sdist.version}`, 'sdist-filename');
    } catch {
      return UNNAMED;
    }
  }
  return UNNAMED;
}

/** pip's InstallRequirement from the parsed requirement (null when nothing names the project) and the line's own parts. */
function assemble(
  requirement: ParsedRequirement | null,
  nameOrigin: NameOrigin | null,
  link: string | null,
  pathExtras: string[],
  marker: string | null,
  editable: boolean,
): InterpretedRequirement {
  const url = link ?? requirement?.url ?? null;
  // pip's InstallRequirement turns a file: link into a path at once, and fails there.
  const fileUrlError = url === null ? null : nonLocalFileUrlError(url);
  if (fileUrlError !== null) throw new RequirementLineError(fileUrlError, 'Use file:///absolute/path or a relative path such as ./project.');
  const extras = requirement?.extras ?? [];
  return {
    rawName: requirement?.rawName ?? null,
    name: requirement?.name ?? null,
    nameOrigin,
    // pip (InstallRequirement.__init__): extras written after a path win; the requirement's own go through safe_extra.
    extras: pathExtras.length > 0 ? sortedUnique(pathExtras) : extras.length === 0 ? [] : sortedUnique(extras.map(safeExtra)),
    specifiers: requirement?.specifiers ?? [],
    // pip (InstallRequirement): markers split off the line win, else the requirement's own.
    marker: marker ?? requirement?.marker ?? null,
    url,
    editable,
    source: url === null ? 'index' : sourceOfUrl(url),
    vcs: url === null ? null : vcsReference(url),
    urlHash: hashOfUrl(url),
  };
}

function assembleParts(parts: NamedParts, link: string | null, pathExtras: string[], marker: string | null, editable: boolean): InterpretedRequirement {
  return assemble(parts.requirement, parts.origin, link, pathExtras, marker, editable);
}

/** pip's `parse_req_from_line` for the requirement part of a line. */
export function interpretRequirementText(lineText: string): InterpretedRequirement {
  const isUrl = isPipUrl(lineText);
  // pip splits markers off first; after a URL only "; " counts, since ";" may be part of it.
  const markerSeparator = isUrl ? '; ' : ';';
  let requirementText = lineText;
  let marker: string | null = null;
  const separator = lineText.indexOf(markerSeparator);
  if (separator >= 0) {
    requirementText = lineText.slice(0, separator);
    const markerText = stripPythonWhitespace(lineText.slice(separator + markerSeparator.length));
    if (markerText) marker = parseMarkerText(markerText);
  }
  requirementText = stripPythonWhitespace(requirementText);

  if (isUrl) return assembleParts(partsFromLink(requirementText), requirementText, [], marker, false);

  const { withoutExtras, extras } = stripExtras(requirementText);
  const pathExtras = extras === null ? [] : parseExtrasSuffix(extras);
  if (isAssumedLocalDirectory(withoutExtras)) return assembleParts(UNNAMED, withoutExtras, pathExtras, marker, false);
  if (isArchiveFile(withoutExtras) && !isNamedDirectReference(requirementText)) {
    return assembleParts(partsFromLink(withoutExtras), withoutExtras, pathExtras, marker, false);
  }
  // The common case, without an intermediate NamedParts.
  return assemble(parseRequirementString(requirementText), 'requirement', null, pathExtras, marker, false);
}

/** A value `-e` accepts without a VCS or file URL: a directory, by our stand-in for `isdir`. */
function isEditableDirectory(text: string): boolean {
  if (urlScheme(text) !== null && !/^[A-Za-z]:[\\/]/.test(text)) return false;
  if (looksLikePath(text)) return true;
  // A bare directory name next to the requirements file (`-e mypackage`).
  return text.length > 0 && [...text].every((character) => /[A-Za-z0-9._+-]/.test(character));
}

/** pip's `parse_editable`: a local project directory, a `file:` URL, or a VCS URL with `#egg=`. */
export function interpretEditable(value: string): InterpretedRequirement {
  const { withoutExtras, extras } = stripExtras(value);
  const pathExtras = extras === null ? [] : parseExtrasSuffix(extras);
  if (isEditableDirectory(withoutExtras) || withoutExtras.toLowerCase().startsWith('file:')) {
    const egg = urlFragmentValue(withoutExtras, 'egg');
    const parts = egg === null ? UNNAMED : namedParts(egg, 'egg-fragment');
    return assembleParts(parts, withoutExtras, pathExtras, null, true);
  }
  let url = value;
  const bareVcs = VCS_NAMES.find((vcs) => value.toLowerCase().startsWith(`${vcs}:`));
  if (bareVcs) url = `${bareVcs}+${value}`;
  const scheme = urlScheme(url);
  if (scheme === null || !VCS_SCHEMES.includes(scheme)) {
    throw new RequirementLineError(
      `${value} is not a valid editable requirement. It should either be a path to a local project or a VCS URL (beginning with ${VCS_SCHEMES.join(', ')}).`,
    );
  }
  const egg = urlFragmentValue(url, 'egg');
  if (!egg) {
    throw new RequirementLineError(
      `Could not detect requirement name for '${value}', please specify one with #egg=your_package_name`,
      'Write it as "name @ git+https://...@<commit>" without -e, or add #egg=name.',
    );
  }
  return assembleParts(namedParts(egg, 'egg-fragment'), url, [], null, true);
}
