/**
 * Project name and version from distribution file names: wheels exactly as pip reads
 * them (`Wheel.wheel_file_re`), source distributions by the PEP 625 rule with the
 * legacy fallback pip's old finder used (first `-` followed by a valid version).
 */
import { isArchiveFile, splitExtension } from '../file-model/link';
import { isPythonWhitespace } from './python-text';

export interface DistributionFileName {
  name: string;
  version: string;
}

function hasWhitespace(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (isPythonWhitespace(text.charCodeAt(index))) return true;
  return false;
}

function startsWithDigit(text: string): boolean {
  const code = text.charCodeAt(0);
  return code >= 0x30 && code <= 0x39;
}

/**
 * pip's `Wheel(filename)`: `name-version[-build]-python-abi-platform.whl`, no `-` inside
 * a part, `_` read as `-` in name and version. Null when pip would raise InvalidWheelFilename.
 */
export function parseWheelFileName(fileName: string): DistributionFileName | null {
  if (!fileName.endsWith('.whl')) return null;
  const parts = fileName.slice(0, -'.whl'.length).split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const [name, version] = parts;
  const tags = parts.slice(-3);
  if (!name || hasWhitespace(name) || hasWhitespace(version)) return null;
  if (tags.some((tag) => !tag || hasWhitespace(tag))) return null;
  if (parts.length === 6 && !startsWithDigit(parts[2])) return null;
  return { name: name.replaceAll('_', '-'), version: version.replaceAll('_', '-') };
}

/**
 * `name-version.tar.gz` (or any archive extension): the name is everything before the
 * first `-` whose remainder is a valid version for `isVersion`. pip itself leaves such a
 * requirement unnamed until it builds the metadata; naming it lets the scanner check it.
 */
export function parseSourceDistributionFileName(fileName: string, isVersion: (text: string) => boolean): DistributionFileName | null {
  if (!isArchiveFile(fileName) || fileName.toLowerCase().endsWith('.whl')) return null;
  const stem = splitExtension(fileName)[0];
  let dash = stem.indexOf('-');
  while (dash > 0) {
    const version = stem.slice(dash + 1);
    if (version && isVersion(version)) return { name: stem.slice(0, dash), version };
    dash = stem.indexOf('-', dash + 1);
  }
  return null;
}
