/** An application as the service works with it: what the `applications` row holds, plus whether it is archived. */
export interface Application {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  department: string;
  owningGroupId: string;
  /** Validated e-mail addresses, lower-case. */
  contacts: string[];
  repositoryUrl: string | null;
  archived: boolean;
  archivedAt: Date | null;
  latestSnapshotId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields people (and the inventory import) set. */
export type ApplicationFields = Pick<Application, 'slug' | 'name' | 'description' | 'department' | 'owningGroupId' | 'contacts' | 'repositoryUrl'>;

export const APPLICATION_SORT_FIELDS = ['SLUG', 'NAME', 'DEPARTMENT', 'CREATED_AT', 'UPDATED_AT'] as const;
export type ApplicationSort = (typeof APPLICATION_SORT_FIELDS)[number];
export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
