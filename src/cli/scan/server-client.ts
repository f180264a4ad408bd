/**
 * What `scan --runtime` asks the service over GraphQL: the runtime release and, unless told not
 * to, the service's scan policy and the advisories about the scanned packages, so that the CI
 * scan reports what the service's own scans report.
 */
import { OsvValidationError, parseOsvDocument, type Advisory, type RuntimeLifecycle, type RuntimeRelease, type ScanPolicy } from '../../requirements';
import { MAX_ADVISORY_QUERY_PACKAGES } from '../../advisories/utils/advisory-query-limits';

/** The service could not be reached or did not answer as expected; the scan stops (exit code 2). */
export class ServerRequestError extends Error {}

export interface ServerConnection {
  server: string;
  token: string | null;
  fetch: typeof fetch;
}

/** The release with its lifecycle as the service judges it today (its clock, campus day), for the RUNTIME_* lifecycle findings. */
export const RELEASE_QUERY =
  'query Release($version: String!) { release(version: $version) { version pythonVersion packages { name version } status generalAvailability endOfSupport daysUntilEndOfSupport migrationTarget { version } } }';

const STATUSES: ReadonlySet<string> = new Set<RuntimeLifecycle['status']>(['ANTICIPATED', 'SUPPORTED', 'DEPRECATED', 'END_OF_LIFE']);
export const SCAN_POLICY_QUERY = 'query ScanPolicy { scanPolicy { allowedIndexUrls } }';
export const ADVISORIES_QUERY = 'query AdvisoriesFor($packages: [String!]!) { advisoriesFor(packages: $packages) }';

interface GraphqlResponse {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message?: string }>;
}

/** POSTs one query and returns its `data`; every failure (network, HTTP, GraphQL errors) is a ServerRequestError naming the endpoint. */
async function query(connection: ServerConnection, text: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const endpoint = `${connection.server.replace(/\/+$/, '')}/graphql`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (connection.token) headers.authorization = `Bearer ${connection.token}`;
  let response: Response;
  try {
    response = await connection.fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: text, variables }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new ServerRequestError(`cannot reach ${endpoint}: ${cause}`);
  }
  const body = await response.text();
  let parsed: GraphqlResponse;
  try {
    parsed = JSON.parse(body) as GraphqlResponse;
  } catch {
    throw new ServerRequestError(`${endpoint} answered HTTP ${response.status} with a body that is not JSON`);
  }
  if (parsed.errors && parsed.errors.length > 0) {
    throw new ServerRequestError(`${endpoint}: ${parsed.errors.map((error) => error.message ?? 'unknown error').join('; ')}`);
  }
  if (!response.ok) throw new ServerRequestError(`${endpoint} answered HTTP ${response.status}`);
  return parsed.data ?? {};
}

function isRelease(value: unknown): value is RuntimeRelease {
  const release = value as { [field in keyof RuntimeRelease]?: unknown } | null | undefined;
  return (
    typeof release?.version === 'string' &&
    typeof release.pythonVersion === 'string' &&
    Array.isArray(release.packages) &&
    release.packages.every((pkg: unknown) => {
      const bundled = pkg as { name?: unknown; version?: unknown } | null | undefined;
      return typeof bundled?.name === 'string' && typeof bundled.version === 'string';
    })
  );
}

/** The lifecycle fields of the answer, checked; null when the service did not send them whole. */
function lifecycleOf(release: Record<string, unknown>): RuntimeLifecycle | null {
  const { status, generalAvailability, endOfSupport, daysUntilEndOfSupport, migrationTarget } = release;
  const target = (migrationTarget as { version?: unknown } | null | undefined)?.version;
  if (typeof status !== 'string' || !STATUSES.has(status)) return null;
  if (typeof generalAvailability !== 'string' || typeof endOfSupport !== 'string' || typeof daysUntilEndOfSupport !== 'number') return null;
  return {
    status: status as RuntimeLifecycle['status'],
    generalAvailability,
    endOfSupport,
    daysUntilEndOfSupport,
    migrationTarget: typeof target === 'string' ? target : null,
  };
}

export async function fetchRuntimeRelease(options: ServerConnection & { version: string }): Promise<RuntimeRelease> {
  const { release } = await query(options, RELEASE_QUERY, { version: options.version });
  if (release === null || release === undefined) throw new ServerRequestError(`runtime release ${options.version} does not exist on ${options.server}`);
  if (!isRelease(release)) throw new ServerRequestError(`${options.server} returned a release without version, pythonVersion and packages`);
  const lifecycle = lifecycleOf(release as unknown as Record<string, unknown>);
  if (lifecycle === null) throw new ServerRequestError(`${options.server} returned release ${options.version} without its status and dates`);
  return { version: release.version, pythonVersion: release.pythonVersion, packages: release.packages, lifecycle };
}

/** The service's allow-list of package indexes (empty when it has none). */
export async function fetchScanPolicy(connection: ServerConnection): Promise<Required<ScanPolicy>> {
  const { scanPolicy } = await query(connection, SCAN_POLICY_QUERY, {});
  const urls = (scanPolicy as { allowedIndexUrls?: unknown } | null | undefined)?.allowedIndexUrls;
  if (!Array.isArray(urls) || !urls.every((url) => typeof url === 'string'))
    throw new ServerRequestError(`${connection.server} returned a scan policy without allowedIndexUrls`);
  return { allowedIndexUrls: urls };
}

/** The service's advisories about these packages (asked in batches the service accepts), validated as OSV. */
export async function fetchAdvisories(connection: ServerConnection, packages: readonly string[]): Promise<Advisory[]> {
  const advisories: Advisory[] = [];
  for (let start = 0; start < packages.length; start += MAX_ADVISORY_QUERY_PACKAGES) {
    const { advisoriesFor } = await query(connection, ADVISORIES_QUERY, { packages: packages.slice(start, start + MAX_ADVISORY_QUERY_PACKAGES) });
    if (!Array.isArray(advisoriesFor)) throw new ServerRequestError(`${connection.server} returned no advisory list`);
    try {
      advisories.push(...parseOsvDocument(advisoriesFor));
    } catch (error) {
      if (error instanceof OsvValidationError) throw new ServerRequestError(`${connection.server} returned an invalid OSV advisory: ${error.message}`);
      throw error;
    }
  }
  return advisories;
}
