/**
 * Checks on where packages come from: indexes, extra indexes and find-links locations
 * against the allow-list, plain HTTP, and hosts whose TLS checks are switched off.
 */
import type { Finding } from '../../types';
import { makeFinding } from '../findings';
import type { PackageSource } from '../../file-model/model';
import { redactUrl } from './requirement-checks';

const OPTION_NAMES: Record<PackageSource['kind'], string> = {
  'index-url': 'index',
  'extra-index-url': 'extra index',
  'find-links': 'find-links location',
};

function isRemoteUrl(url: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url) && !/^file:/i.test(url);
}

/** Scheme and host lower-cased, credentials dropped: how URLs are compared with the allow-list. */
export function comparableUrl(url: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)(.*)$/.exec(redactUrl(url.trim()));
  if (!match) return url.trim();
  return `${match[1].toLowerCase()}://${match[2].toLowerCase()}${match[3]}`;
}

/**
 * An allow-list entry approves URLs below it, whole path segments only: `https://pypi.example.edu`
 * approves that host (not `https://pypi.example.edu.attacker.example` or another port), and
 * `https://pypi.example.edu/simple` approves `/simple/...` but not `/simple-evil/`.
 */
export function isApprovedUrl(url: string, allowedPrefixes: readonly string[]): boolean {
  const candidate = comparableUrl(url);
  return allowedPrefixes.some((entry) => {
    const prefix = comparableUrl(entry);
    if (!candidate.startsWith(prefix)) return false;
    if (candidate.length === prefix.length || prefix.endsWith('/')) return true;
    return '/?#'.includes(candidate[prefix.length]);
  });
}

export function checkSource(source: PackageSource, allowedPrefixes: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const at = { file: source.file, line: source.line, package: null };
  const what = OPTION_NAMES[source.kind];
  const shown = redactUrl(source.url);
  if (/^http:\/\//i.test(source.url)) {
    findings.push(makeFinding('INSECURE_INDEX', { ...at, message: `The ${what} ${shown} uses plain HTTP` }));
  } else if (!source.verifySsl) {
    findings.push(makeFinding('INSECURE_INDEX', { ...at, message: `The ${what} ${shown} is used with TLS verification switched off (verify_ssl = false)` }));
  }
  if (allowedPrefixes.length > 0 && isRemoteUrl(source.url) && !isApprovedUrl(source.url, allowedPrefixes)) {
    findings.push(
      makeFinding('UNAPPROVED_INDEX', {
        ...at,
        message: `The ${what} ${shown} is not on the approved list (${allowedPrefixes.map(redactUrl).join(', ')})`,
      }),
    );
  }
  return findings;
}

export function checkTrustedHost(entry: { file: string; line: number; host: string }): Finding[] {
  return [
    makeFinding('TRUSTED_HOST', {
      file: entry.file,
      line: entry.line,
      package: null,
      message: `--trusted-host ${entry.host} lets pip accept plain HTTP and invalid certificates from that host`,
    }),
  ];
}
