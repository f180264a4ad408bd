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
