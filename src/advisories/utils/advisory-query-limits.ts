/** Most package names one `advisoriesFor` accepts; the CLI asks in batches of this size. */
export const MAX_ADVISORY_QUERY_PACKAGES = 1000;
