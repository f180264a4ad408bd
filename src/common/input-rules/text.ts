import { invalid, valid, type Checked } from './checked';

export interface TextRule {
  label: string;
  min: number;
  max: number;
  /** Descriptions may span lines; names and departments may not. */
  multiline?: boolean;
  /** Departments are a filter key: "Physics  Dept" and "Physics Dept" must be one department. */
  collapseSpaces?: boolean;
}

// C0 controls and DEL. Tabs and line breaks are handled separately per rule.
// eslint-disable-next-line no-control-regex -- matching control characters is this rule's purpose
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// In a `u` regular expression, only a surrogate without its other half is a match.
const LONE_SURROGATE = /\p{Cs}/u;

/** Characters (code points), not UTF-16 units: "😀" is one character, as people count. */
export function codePointLength(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    // A high surrogate followed by a low one is a single character.
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    }
    length += 1;
  }
  return length;
}

const halfCharacter = (label: string): string => `${label} contains half of a UTF-16 surrogate pair; send well-formed Unicode text`;
const tooLong = (label: string, length: number, max: number): string => `${label} is ${length} characters long; at most ${max} are allowed`;

/**
 * What every text the service accepts must be, whatever the field: no NUL (PostgreSQL cannot
 * store it), no half of a surrogate pair (it cannot be written as UTF-8), and at most `max`
 * characters. Fields with their own rule (`checkText`, slugs, addresses) say more.
 */
export function checkStorableText(text: string, label: string, max: number): Checked<string> {
  if (text.includes('\u0000')) return invalid(`${label} contains a NUL character (\\u0000), which no text may contain`);
  if (LONE_SURROGATE.test(text)) return invalid(halfCharacter(label));
  // Cheap before counting: a string is never longer in characters than in UTF-16 units.
  if (text.length > max) {
    const length = codePointLength(text);
    if (length > max) return invalid(tooLong(label, length, max));
  }
  return valid(text);
}

/** Trimmed text within the rule's length (in characters, not UTF-16 units); `''` counts as empty. */
export function checkText(text: string, rule: TextRule): Checked<string> {
  // The same refusal, in the same words, as any other text: GraphQL checks every argument with it first.
  const storable = checkStorableText(text, rule.label, Infinity);
  if (!storable.ok) return storable;
  let value = text.replace(/\r\n?/g, '\n').trim();
  if (rule.collapseSpaces) value = value.replace(/\s+/g, ' ');
  if (CONTROL.test(value)) return invalid(`${rule.label} contains control characters`);
  if (!rule.multiline && /[\n\t]/.test(value)) return invalid(`${rule.label} must be a single line without tabs`);
  const length = codePointLength(value);
  if (length < rule.min) return invalid(rule.min === 1 ? `${rule.label} is required` : `${rule.label} must be at least ${rule.min} characters`);
  if (length > rule.max) return invalid(tooLong(rule.label, length, rule.max));
  return valid(value);
}
