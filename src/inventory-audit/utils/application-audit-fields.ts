/** What the inventory audit log keeps of an application: the fields people edit, and its owning group by slug. */
export interface ApplicationAuditFields {
  slug: string;
  name: string;
  description: string | null;
  department: string;
  group: string;
  contacts: string[];
  repositoryUrl: string | null;
}

export function applicationAuditFields(
  app: { slug: string; name: string; description: string | null; department: string; contacts: string[]; repositoryUrl: string | null },
  groupSlug: string,
): ApplicationAuditFields {
  return {
    slug: app.slug,
    name: app.name,
    description: app.description,
    department: app.department,
    group: groupSlug,
    contacts: app.contacts,
    repositoryUrl: app.repositoryUrl,
  };
}
