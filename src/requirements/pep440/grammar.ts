/**
 * Hand-written scanner for the PEP 440 version grammar as packaging's regular
 * expressions define it: `VERSION_PATTERN` (version.py) and the four version shapes of
 * `Specifier._specifier_regex_str` (specifiers.py). One forward pass, no backtracking, so
 * any input is scanned in linear time.
 *
 * Why greedy scanning gives the same answers as Python's backtracking regexes: every
 * optional part (pre, post, dev, local) starts with a character that no later part can
 * start with, except that a part's trailing separator may instead begin the next part;
 * both choices leave the scanner at the same place. Keyword alternatives are tried
 * longest-first (`alpha` before `a`, `preview` before `pre`, `rev` before `r`), which is
 * the order packaging's patterns list them in. The differential fixtures check this
 * claim against Python on thousands of generated near-miss strings.
 */

import { isPythonWhitespace } from './python-text';

/** Which of packaging's patterns is being matched; they differ in the parts they allow. */
export type VersionShape =
  /** `Version(...)`: everything but wildcards. */
  | 'version'
  /** After `==` / `!=`: a `.*` wildcard or pre/post/dev/local. */
  | 'equality'
  /** After `~=`: at least two release numbers, pre/post/dev, no local. Its keywords are matched with Unicode case folding. */
  | 'compatible'
  /** After `<=`, `>=`, `<`, `>`: pre/post/dev, no local. */
  | 'ordered';

export interface ScannedVersion {
  /** Index just after the last character the pattern consumed. */
  end: number;
  epoch: string | null;
  release: string[];
  preLetter: string | null;
  preNumber: string | null;
  hasPost: boolean;
  postNumber: string | null;
  hasDev: boolean;
  devNumber: string | null;
  local: string | null;
  wildcard: boolean;
}

const PRE_KEYWORDS = ['alpha', 'a', 'beta', 'b', 'preview', 'pre', 'c', 'rc'] as const;
const POST_KEYWORDS = ['post', 'rev', 'r'] as const;
const DEV_KEYWORDS = ['dev'] as const;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSeparator(code: number): boolean {
  return code === 0x2d || code === 0x5f || code === 0x2e; // - _ .
}

function isLowerAsciiAlphanumeric(code: number): boolean {
  return isDigit(code) || (code >= 0x61 && code <= 0x7a);
}

function isAsciiAlphanumeric(code: number): boolean {
  return isLowerAsciiAlphanumeric(code) || (code >= 0x41 && code <= 0x5a);
}

/**
 * Whether `code` matches the lower-case ASCII letter `letter` under re.IGNORECASE.
 * Outside packaging's `(?a:...)` groups Python also folds U+017F (long s) to `s` and
 * U+0130/U+0131 (dotted/dotless I) to `i`; only the `~=` branch has keywords there.
 */
function matchesLetter(code: number, letter: number, unicodeFolding: boolean): boolean {
  if (code === letter || code === letter - 32) return true;
  if (!unicodeFolding) return false;
  if (letter === 0x73) return code === 0x17f;
  if (letter === 0x69) return code === 0x130 || code === 0x131;
  return false;
}

function keywordLengthAt(text: string, index: number, keywords: readonly string[], unicodeFolding: boolean): string | null {
  for (const keyword of keywords) {
    if (index + keyword.length > text.length) continue;
    let matched = true;
    for (let k = 0; k < keyword.length; k++) {
      if (!matchesLetter(text.charCodeAt(index + k), keyword.charCodeAt(k), unicodeFolding)) {
        matched = false;
        break;
      }
    }
    if (matched) return keyword;
  }
  return null;
}

function digitsEnd(text: string, index: number): number {
  let i = index;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

interface LetterPart {
  keyword: string;
  number: string | null;
  end: number;
}

/** `[-_.]? KEYWORD [-_.]? [0-9]*`, taking the leading separator only when a keyword follows it. */
function scanLetterPart(text: string, index: number, keywords: readonly string[], unicodeFolding: boolean): LetterPart | null {
  let i = index;
  let keyword = keywordLengthAt(text, i, keywords, unicodeFolding);
  if (keyword === null && i < text.length && isSeparator(text.charCodeAt(i))) {
    keyword = keywordLengthAt(text, i + 1, keywords, unicodeFolding);
    if (keyword !== null) i++;
  }
  if (keyword === null) return null;
  i += keyword.length;
  if (i < text.length && isSeparator(text.charCodeAt(i))) i++;
  const numberEnd = digitsEnd(text, i);
  return { keyword, number: numberEnd > i ? text.slice(i, numberEnd) : null, end: numberEnd };
}

/**
 * `\+[a-z0-9]+(?:[-_.][a-z0-9]+)*` with `isLabelCharacter` deciding what `[a-z0-9]` takes
 * (by default ASCII letters of any case and digits); returns the end or -1.
 */
function scanLocal(text: string, index: number, isLabelCharacter: (code: number) => boolean = isAsciiAlphanumeric): number {
  if (text.charCodeAt(index) !== 0x2b) return -1;
  let i = index + 1;
  if (i >= text.length || !isLabelCharacter(text.charCodeAt(i))) return -1;
  while (i < text.length && isLabelCharacter(text.charCodeAt(i))) i++;
  while (i + 1 < text.length && isSeparator(text.charCodeAt(i)) && isLabelCharacter(text.charCodeAt(i + 1))) {
    i++;
    while (i < text.length && isLabelCharacter(text.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * Scan one version of the given shape starting at `start` (no surrounding whitespace):
 * `v? (N!)? N(.N)* ...`. Returns null when not even a release number is there.
 */
export function scanVersion(text: string, start: number, shape: VersionShape): ScannedVersion | null {
  let i = start;
  if (i < text.length && (text.charCodeAt(i) | 0x20) === 0x76) i++; // v or V

  let epoch: string | null = null;
  const epochDigitsEnd = digitsEnd(text, i);
  // `N!` is an epoch only if a release number follows; otherwise the regex backtracks and
  // N is the release (which matters when matching a prefix, as the tokenizer does: `<2!=1`).
  if (epochDigitsEnd > i && text.charCodeAt(epochDigitsEnd) === 0x21 && isDigit(text.charCodeAt(epochDigitsEnd + 1))) {
    epoch = text.slice(i, epochDigitsEnd);
    i = epochDigitsEnd + 1;
  }

  const release: string[] = [];
  let componentEnd = digitsEnd(text, i);
  if (componentEnd === i) return null;
  release.push(text.slice(i, componentEnd));
  i = componentEnd;
  while (i + 1 < text.length && text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1))) {
    componentEnd = digitsEnd(text, i + 1);
    release.push(text.slice(i + 1, componentEnd));
    i = componentEnd;
  }
  if (shape === 'compatible' && release.length < 2) return null;

  const scanned: ScannedVersion = {
    end: i,
    epoch,
    release,
    preLetter: null,
    preNumber: null,
    hasPost: false,
    postNumber: null,
    hasDev: false,
    devNumber: null,
    local: null,
    wildcard: false,
  };

  if (shape === 'equality' && text.charCodeAt(i) === 0x2e && text.charCodeAt(i + 1) === 0x2a) {
    scanned.wildcard = true;
    scanned.end = i + 2;
    return scanned;
  }

  const unicodeFolding = shape === 'compatible';

  const pre = scanLetterPart(text, i, PRE_KEYWORDS, unicodeFolding);
  if (pre !== null) {
    scanned.preLetter = pre.keyword;
    scanned.preNumber = pre.number;
    i = pre.end;
  }

  if (text.charCodeAt(i) === 0x2d && isDigit(text.charCodeAt(i + 1))) {
    const numberEnd = digitsEnd(text, i + 1);
    scanned.hasPost = true;
    scanned.postNumber = text.slice(i + 1, numberEnd);
    i = numberEnd;
  } else {
    const post = scanLetterPart(text, i, POST_KEYWORDS, unicodeFolding);
    if (post !== null) {
      scanned.hasPost = true;
      scanned.postNumber = post.number;
      i = post.end;
    }
  }

  const dev = scanLetterPart(text, i, DEV_KEYWORDS, unicodeFolding);
  if (dev !== null) {
    scanned.hasDev = true;
    scanned.devNumber = dev.number;
    i = dev.end;
  }

  if (shape === 'version' || shape === 'equality') {
    const localEnd = scanLocal(text, i);
    if (localEnd > 0) {
      scanned.local = text.slice(i + 1, localEnd);
      i = localEnd;
    }
  }

  scanned.end = i;
  return scanned;
}

/** Scan a whole string as `\s* VERSION \s*` (Python `fullmatch`); null when it does not match. */
export function scanWholeVersion(text: string, shape: VersionShape): ScannedVersion | null {
  let start = 0;
  while (start < text.length && isPythonWhitespace(text.charCodeAt(start))) start++;
  const scanned = scanVersion(text, start, shape);
  if (scanned === null) return null;
  let end = scanned.end;
  while (end < text.length && isPythonWhitespace(text.charCodeAt(end))) end++;
  return end === text.length ? scanned : null;
}

/** `\+[a-z0-9]+(?:[-_.][a-z0-9]+)*` at `index`: the end index, or -1 (used by the requirement tokenizer). */
export function scanLocalLabel(text: string, index: number, caseSensitive: boolean): number {
  return scanLocal(text, index, caseSensitive ? isLowerAsciiAlphanumeric : isAsciiAlphanumeric);
}
