// Placeholder until the database test harness lands; unit tests need nothing.
export default async function setup(): Promise<void> {}
