/**
 * Builds a DeclaredRequirement from a PEP 508 requirement, for the formats that write
 * PEP 508 (pyproject.toml) or are translated to it (Poetry tables, Pipfile entries).
 */
import type { ParsedRequirement, SpecifierClause } from '../types';
import { sourceOfUrl, urlHashFragment, vcsReference } from '../pip/link';
import type { DeclaredRequirement, FileFormat } from './model';

export interface DeclarationContext {
  file: string;
  line: number;
  format: FileFormat;
  group: string | null;
  /** The dependency as written, for messages. */
  text: string;
  editable?: boolean;
  alternatives?: SpecifierClause[][] | null;
}

export function declareRequirement(parsed: ParsedRequirement, context: DeclarationContext): DeclaredRequirement {
  const url = parsed.url;
  const hash = url === null ? null : urlHashFragment(url);
  return {
    file: context.file,
    line: context.line,
    name: parsed.name,
    rawName: parsed.rawName,
    extras: [...new Set(parsed.extras)].sort(),
    specifiers: parsed.specifiers,
    alternatives: context.alternatives ?? null,
    marker: parsed.marker,
    url,
    editable: context.editable ?? false,
    hashes: [],
    constraint: false,
    source: url === null ? 'index' : sourceOfUrl(url),
    vcs: url === null ? null : vcsReference(url),
    urlHash: hash && `${hash.algorithm}:${hash.digest}`,
    group: context.group,
    format: context.format,
    text: context.text,
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
