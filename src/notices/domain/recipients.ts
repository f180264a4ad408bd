/**
 * Who gets which notice: one digest per person per release and milestone, listing every app of
 * theirs, or one notice per app for people who turned digests off. Pure.
 */

export interface Addressee {
  email: string;
  digest: boolean;
}

export interface Digest<P extends Addressee, A> {
  person: P;
  applications: A[];
}

/**
 * The notices to make for `applications`, each listing the people who hear about it: a person
 * in several apps' lists gets one digest with all of them (in the apps' order), or one notice per
 * app without digests. People are told apart by e-mail address.
 */
export function digestsFor<P extends Addressee, A>(applications: readonly A[], peopleOf: (app: A) => readonly P[]): Digest<P, A>[] {
  const byEmail = new Map<string, Digest<P, A>>();
  for (const app of applications) {
    for (const person of peopleOf(app)) {
      let digest = byEmail.get(person.email);
      if (!digest) byEmail.set(person.email, (digest = { person, applications: [] }));
      if (!digest.applications.includes(app)) digest.applications.push(app);
    }
  }
  return [...byEmail.values()].flatMap((digest) =>
    digest.person.digest ? [digest] : digest.applications.map((app) => ({ person: digest.person, applications: [app] })),
  );
}

/** The departments a manager oversees (null: every one) that include `department`. */
export function oversees(departments: readonly string[] | null, department: string): boolean {
  return departments === null || departments.includes(department);
}

/** An application and everyone who hears about it: e-mail addresses (or any other key that must not be split, such as its group). */
export interface ApplicationRecipients {
  id: string;
  emails: readonly string[];
}

/**
 * The applications (ids) in batches that share no recipient, so that each person's digest, made
 * per batch, lists all of their applications: applications linked by a person (a contact, a member
 * of the owning group), directly or through others, stay in one batch. Batches are filled to at
 * least `size` applications, the last one aside, in the order given. A set of linked applications
 * larger than `maxTogether` is cut into parts of that many (its shared people then get one digest
 * per part): this bounds the work of one batch whatever the data. Pure.
 */
export function batchesSharingNoRecipient(applications: readonly ApplicationRecipients[], size: number, maxTogether: number): string[][] {
  const parent = applications.map((_, index) => index);
  const rootOf = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]];
    return index;
  };
  const firstWithEmail = new Map<string, number>();
  applications.forEach((app, index) => {
    for (const email of app.emails) {
      const first = firstWithEmail.get(email);
      if (first === undefined) firstWithEmail.set(email, index);
      else {
        const [a, b] = [rootOf(first), rootOf(index)];
        // The smaller index stays the root, so components come out in the order of their first application.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const components = new Map<number, string[]>();
  applications.forEach((app, index) => {
    const root = rootOf(index);
    let component = components.get(root);
    if (!component) components.set(root, (component = []));
    component.push(app.id);
  });
  const batches: string[][] = [];
  let current: string[] = [];
  for (const component of components.values()) {
    if (component.length > maxTogether) {
      if (current.length > 0) batches.push(current);
      current = [];
      for (let start = 0; start < component.length; start += maxTogether) batches.push(component.slice(start, start + maxTogether));
      continue;
    }
    current.push(...component);
    if (current.length >= size) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
