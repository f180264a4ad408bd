/**
 * Prefix matching (`==1.2.*`, and the `==prefix.*` half of `~=`) exactly as packaging
 * 26.x does it: on lists of strings cut out of version text (`_version_split`), not on
 * parsed numbers. For `~=` packaging cuts the prefix from the specifier text as written,
 * so unusual spellings give unusual prefixes: `~=1.0.RC1` means `>=1.0rc1, ==1.0.*`
 * while `~=1.0.rc1` means `>=1.0rc1, ==1.*`, and `~=v1.0` matches nothing at all. Those
 * are packaging's answers, so they are ours.
 */

import { comparePyInts, parseVersion, pyIntFromDigits, type PyInt, type Version } from './version';

const PRE_SEGMENT = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/;

/** packaging's `_version_split`: epoch (default "0"), then dot-separated parts, `1rc1` split in two. */
export function splitVersionText(text: string): string[] {
  const bang = text.lastIndexOf('!');
  const epoch = bang < 0 ? '' : text.slice(0, bang);
  const rest = bang < 0 ? text : text.slice(bang + 1);
  const parts = [epoch === '' ? '0' : epoch];
  for (const item of rest.split('.')) {
    const match = PRE_SEGMENT.exec(item);
    if (match) parts.push(match[1], match[2]);
    else parts.push(item);
  }
  return parts;
}

/** packaging's `_version_join`. */
export function joinVersionParts(parts: readonly string[]): string {
  return `${parts[0]}!${parts.slice(1).join('.')}`;
}

function isSuffixPart(part: string): boolean {
  return part.startsWith('dev') || part.startsWith('a') || part.startsWith('b') || part.startsWith('rc') || part.startsWith('post');
}

/** Python's `str.isdigit()` on these parts, which are ASCII by construction. */
function isDigitText(part: string): boolean {
  return /^[0-9]+$/.test(part);
}

/** packaging's `_numeric_prefix_len`. */
export function numericPrefixLength(parts: readonly string[]): number {
  let count = 0;
  while (count < parts.length && isDigitText(parts[count])) count++;
  return count;
}

/** The prefix `~=V` pins, as packaging derives it from the text V: `1.4.5` → `0!1.4`. */
export function compatiblePrefixText(specVersionText: string): string {
  const parts = splitVersionText(specVersionText);
  let kept = 0;
  while (kept < parts.length && !isSuffixPart(parts[kept])) kept++;
  return joinVersionParts(parts.slice(0, Math.max(0, kept - 1)));
}

/**
 * A parsed prefix pattern. `numericParts` is set when every part is a canonical number
 * (the usual case), which allows a fast numeric comparison instead of building strings.
 */
export interface PrefixPattern {
  parts: readonly string[];
  numericLength: number;
  numericParts: readonly PyInt[] | null;
}

/** packaging's `_get_wildcard_split` for a prefix written without its `.*`. */
export function prefixPattern(prefixText: string): PrefixPattern {
  const parsed = parseVersion(prefixText);
  if (parsed !== null && parsed.pre === null && parsed.post === null && parsed.dev === null && parsed.localSegments === null) {
    // `_version_split(str(version))` of a plain release is just its numbers.
    const numericParts = [parsed.epoch, ...parsed.release];
    return { parts: numericParts.map(String), numericLength: numericParts.length, numericParts };
  }
  const parts = parsed !== null ? publicVersionParts(parsed) : splitVersionText(prefixText);
  const numericLength = numericPrefixLength(parts);
  const allCanonicalNumbers = numericLength === parts.length && parts.every((part) => part === '0' || !part.startsWith('0'));
  return {
    parts,
    numericLength,
    numericParts: allCanonicalNumbers ? parts.map((part) => pyIntFromDigits(part)) : null,
  };
}

/** `_version_split` of a version's normalised public text. */
function publicVersionParts(version: Version): string[] {
  const parts: string[] = [String(version.epoch)];
  for (const number of version.release) parts.push(String(number));
  if (version.pre !== null) parts.push(`${version.pre[0]}${version.pre[1]}`);
  if (version.post !== null) parts.push(`post${version.post}`);
  if (version.dev !== null) parts.push(`dev${version.dev}`);
  return parts;
}

/** packaging's wildcard branch of `_compare_equal` (local labels ignored). */
export function matchesPrefix(version: Version, pattern: PrefixPattern): boolean {
  const numeric = pattern.numericParts;
  if (numeric !== null) {
    if (comparePyInts(version.epoch, numeric[0]) !== 0) return false;
    for (let i = 1; i < numeric.length; i++) {
      const part = version.release[i - 1] ?? 0;
      if (part !== numeric[i]) return false;
    }
    return true;
  }
  const split = publicVersionParts(version);
  // Left-pad the numeric parts with zeros up to the pattern's numeric length.
  const versionNumericLength = 1 + version.release.length;
  const padding = pattern.numericLength - versionNumericLength;
  const padded = padding > 0 ? [...split.slice(0, versionNumericLength), ...new Array<string>(padding).fill('0'), ...split.slice(versionNumericLength)] : split;
  if (padded.length < pattern.parts.length) return false;
  for (let i = 0; i < pattern.parts.length; i++) {
    if (padded[i] !== pattern.parts[i]) return false;
  }
  return true;
}
