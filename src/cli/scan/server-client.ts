/**
 * Fetches a runtime release from the service over GraphQL, for `scan --runtime`.
 */
import type { RuntimeRelease } from '../../requirements';

export class RuntimeFetchError extends Error {}

export const RELEASE_QUERY = 'query Release($version: String!) { release(version: $version) { version pythonVersion packages { name version } } }';

interface GraphqlResponse {
  data?: { release?: RuntimeRelease | null } | null;
  errors?: Array<{ message?: string }>;
}

function isRelease(value: unknown): value is RuntimeRelease {
  const release = value as RuntimeRelease;
  return (
    typeof release?.version === 'string' &&
    typeof release.pythonVersion === 'string' &&
    Array.isArray(release.packages) &&
    release.packages.every((pkg) => typeof pkg?.name === 'string' && typeof pkg.version === 'string')
  );
}

export async function fetchRuntimeRelease(options: { server: string; version: string; token: string | null; fetch: typeof fetch }): Promise<RuntimeRelease> {
  const endpoint = `${options.server.replace(/\/+$/, '')}/graphql`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await options.fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: RELEASE_QUERY, variables: { version: options.version } }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new RuntimeFetchError(`cannot reach ${endpoint}: ${cause}`);
  }
  const text = await response.text();
  let body: GraphqlResponse;
  try {
    body = JSON.parse(text) as GraphqlResponse;
  } catch {
    throw new RuntimeFetchError(`${endpoint} answered HTTP ${response.status} with a body that is not JSON`);
  }
  if (body.errors && body.errors.length > 0) {
    throw new RuntimeFetchError(`${endpoint}: ${body.errors.map((error) => error.message ?? 'unknown error').join('; ')}`);
  }
  if (!response.ok) throw new RuntimeFetchError(`${endpoint} answered HTTP ${response.status}`);
  const release = body.data?.release;
  if (release === null || release === undefined) throw new RuntimeFetchError(`runtime release ${options.version} does not exist on ${options.server}`);
  if (!isRelease(release)) throw new RuntimeFetchError(`${endpoint} returned a release without version, pythonVersion and packages`);
  return release;
}
