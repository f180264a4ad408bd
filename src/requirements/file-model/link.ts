/**
 * The parts of pip's `Link` (models/link.py) and `is_url` (vcs/versioncontrol.py) that
 * decide what a requirements-file line points at. No regular expressions: these run on
 * untrusted URLs. Shared by every reader (Pipfile and Poetry entries carry URLs too), so it
 * lives with the file model, below them.
 */
import { pythonRepr } from '../pep440/python-text';

export const VCS_NAMES = ['bzr', 'git', 'hg', 'svn'] as const;
export type VcsName = (typeof VCS_NAMES)[number];

/** pip's `vcs.all_schemes`. */
export const VCS_SCHEMES: readonly string[] = [
  'bzr+http',
  'bzr+https',
  'bzr+ssh',
  'bzr+sftp',
  'bzr+ftp',
  'bzr+lp',
  'bzr+file',
  'git+http',
  'git+https',
  'git+ssh',
  'git+git',
  'git+file',
  'hg+file',
  'hg+http',
  'hg+https',
  'hg+ssh',
  'hg+static-http',
  'svn+ssh',
  'svn+http',
  'svn+https',
  'svn+svn',
  'svn+file',
];

const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);

/** pip's `get_url_scheme`: the text before the first colon, lower-cased. */
export function urlScheme(text: string): string | null {
  const colon = text.indexOf(':');
  return colon < 0 ? null : text.slice(0, colon).toLowerCase();
}

/** pip's `is_url`. */
export function isPipUrl(text: string): boolean {
  const scheme = urlScheme(text);
  return scheme !== null && URL_SCHEMES.has(scheme);
}

export function isVcsScheme(scheme: string | null): boolean {
  return scheme !== null && VCS_SCHEMES.includes(scheme);
}

/** The value of the first `#key=` or `&key=` in the URL, up to the next `&` (pip's `[#&]key=([^&]*)`). */
export function urlFragmentValue(url: string, key: string): string | null {
  const needle = key + '=';
  let index = url.indexOf(needle);
  while (index >= 0) {
    const before = url[index - 1];
    if (index > 0 && (before === '#' || before === '&')) {
      const start = index + needle.length;
      const end = url.indexOf('&', start);
      return url.slice(start, end < 0 ? url.length : end);
    }
    index = url.indexOf(needle, index + 1);
  }
  return null;
}

/** pip's `_SUPPORTED_HASHES`, in its order. */
const URL_HASH_ALGORITHMS = ['sha512', 'sha384', 'sha256', 'sha224', 'sha1', 'md5'];

/** The leftmost `#algo=digest` / `&algo=digest` in the URL (pip's `LinkHash.find_hash_url_fragment`). */
export function urlHashFragment(url: string): { algorithm: string; digest: string } | null {
  let best: { algorithm: string; digest: string; index: number } | null = null;
  for (const algorithm of URL_HASH_ALGORITHMS) {
    const needle = algorithm + '=';
    let index = url.indexOf(needle);
    while (index >= 0 && !(index > 0 && (url[index - 1] === '#' || url[index - 1] === '&'))) {
      index = url.indexOf(needle, index + 1);
    }
    if (index >= 0 && (best === null || index < best.index)) {
      const start = index + needle.length;
      const end = url.indexOf('&', start);
      best = { algorithm, digest: url.slice(start, end < 0 ? url.length : end), index };
    }
  }
  return best && { algorithm: best.algorithm, digest: best.digest };
}

export interface SplitUrl {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

/** Enough of `urllib.parse.urlsplit` for the URLs pip accepts (scheme already known to be valid). */
export function splitUrl(url: string): SplitUrl {
  const colon = url.indexOf(':');
  const scheme = colon < 0 ? '' : url.slice(0, colon).toLowerCase();
  let rest = colon < 0 ? url : url.slice(colon + 1);
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query = '';
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    netloc = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  return { scheme, netloc, path: rest, query, fragment };
}

/**
 * pip's `url_to_path` on Linux: a `file:` URL names this machine only with an empty authority
 * or `localhost` (RFC 8089, compared as written); any other host (`file://server/x`, and
 * `file://.`, whose host is `.`) is refused. Null when the URL is fine or not a `file:` URL.
 */
export function nonLocalFileUrlError(url: string): string | null {
  if (urlScheme(url) !== 'file') return null;
  const { netloc } = splitUrl(url);
  if (netloc === '' || netloc === 'localhost') return null;
  return `non-local file URIs are not supported on this platform: ${pythonRepr(url)}`;
}

/** `urllib.parse.unquote`, tolerant of malformed escapes as Python is. */
export function unquote(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // Python leaves invalid escapes as they are; decode the valid runs one by one.
    return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

function stripTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end -= 1;
  return path.slice(0, end);
}

/** pip's `Link.filename`: the last path segment (unquoted), or the host when the path is empty. */
export function linkFilename(url: string): string {
  const { path, netloc } = splitUrl(url);
  const name = basename(stripTrailingSlashes(unquote(path)));
  if (!name) {
    const at = netloc.lastIndexOf('@');
    return at < 0 ? netloc : netloc.slice(at + 1);
  }
  return unquote(name);
}

/** pip's `Link.ext` ("" when none), from the unquoted path's last segment. */
export function linkExtension(url: string): string {
  return splitExtension(basename(stripTrailingSlashes(unquote(splitUrl(url).path))))[1];
}

/** pip's `splitext`: `posixpath.splitext`, but `.tar.gz` and friends are one extension. */
export function splitExtension(path: string): [string, string] {
  const [base, extension] = posixSplitExtension(path);
  if (base.toLowerCase().endsWith('.tar')) return [base.slice(0, -4), base.slice(-4) + extension];
  return [base, extension];
}

/** `posixpath.splitext`: leading dots of the last segment do not start an extension. */
function posixSplitExtension(path: string): [string, string] {
  const lastSlash = path.lastIndexOf('/');
  const lastDot = path.lastIndexOf('.');
  if (lastDot <= lastSlash) return [path, ''];
  let firstNonDot = lastSlash + 1;
  while (firstNonDot < lastDot && path[firstNonDot] === '.') firstNonDot += 1;
  if (firstNonDot === lastDot) return [path, ''];
  return [path.slice(0, lastDot), path.slice(lastDot)];
}

const ARCHIVE_EXTENSIONS = new Set(['.zip', '.whl', '.tar.bz2', '.tbz', '.tar.xz', '.txz', '.tlz', '.tar.lz', '.tar.lzma', '.tar.gz', '.tgz', '.tar']);

/** pip's `is_archive_file`. */
export function isArchiveFile(path: string): boolean {
  // Every archive extension ends in one of these letters; most requirement texts end in a digit.
  const last = path.charCodeAt(path.length - 1) | 0x20;
  if (last !== 0x7a /* z */ && last !== 0x70 /* p */ && last !== 0x6c /* l */ && last !== 0x32 /* 2 */ && last !== 0x72 /* r */ && last !== 0x61 /* a */)
    return false;
  return ARCHIVE_EXTENSIONS.has(splitExtension(path)[1].toLowerCase());
}

/** pip's `_looks_like_path` on POSIX (a `/` anywhere, or a leading `.`). */
export function looksLikePath(text: string): boolean {
  return text.includes('/') || text.startsWith('.');
}

/** pip's `_strip_extras`: a trailing `[...]` (with no `]` inside) is split off. */
export function stripExtras(text: string): { withoutExtras: string; extras: string | null } {
  if (!text.endsWith(']')) return { withoutExtras: text, extras: null };
  const open = text.lastIndexOf('[', text.length - 2);
  if (open <= 0) return { withoutExtras: text, extras: null };
  const inside = text.slice(open + 1, -1);
  if (inside.length === 0 || inside.includes(']')) return { withoutExtras: text, extras: null };
  return { withoutExtras: text.slice(0, open), extras: text.slice(open) };
}

export interface VcsReference {
  vcs: VcsName;
  /** The revision after the last `@` of the URL's path (pip's `get_url_rev_and_auth`), or null. */
  revision: string | null;
  /** True when the revision names an immutable commit: a full git/hg hash or an svn revision number. */
  immutable: boolean;
}

function isHex(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const hex = (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
    if (!hex) return false;
  }
  return text.length > 0;
}

function isDigits(text: string): boolean {
  return text.length > 0 && [...text].every((character) => character >= '0' && character <= '9');
}

/** Whether a revision pins one commit: 40 (SHA-1) or 64 (SHA-256) hex digits for git and hg, a number for svn. */
export function isImmutableRevision(vcs: VcsName, revision: string | null): boolean {
  if (revision === null) return false;
  if (vcs === 'git' || vcs === 'hg') return (revision.length === 40 || revision.length === 64) && isHex(revision);
  if (vcs === 'svn') return isDigits(revision);
  return false;
}

/** The VCS and revision of a `git+https://host/repo@rev#egg=name` style URL; null when not a VCS URL. */
export function vcsReference(url: string): VcsReference | null {
  const scheme = urlScheme(url);
  if (!isVcsScheme(scheme)) return null;
  const vcs = scheme!.slice(0, scheme!.indexOf('+')) as VcsName;
  // The user part of the host (`git@github.com`) is not a revision: only the path's last `@` counts.
  const { path } = splitUrl(url);
  const at = path.lastIndexOf('@');
  const revision = at >= 0 && at < path.length - 1 ? path.slice(at + 1) : null;
  return { vcs, revision, immutable: isImmutableRevision(vcs, revision) };
}

/** Where a direct reference installs from: a VCS, a local path (`file:`, a path without scheme), or a download URL. */
export function sourceOfUrl(url: string): 'vcs' | 'path' | 'url' {
  const scheme = urlScheme(url);
  if (isVcsScheme(scheme)) return 'vcs';
  // A one-letter "scheme" is a Windows drive (`C:\\pkgs\\x.whl`).
  if (scheme === null || scheme === 'file' || scheme.length === 1) return 'path';
  return 'url';
}
