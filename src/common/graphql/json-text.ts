/** A JSON value as the text a `String` field returns (audit logs' before and after), or null. */
export const jsonText = (value: Record<string, unknown> | null): string | null => (value === null ? null : JSON.stringify(value));
