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
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function codePointLength(text: string): number {
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

/** Trimmed text within the rule's length (in characters, not UTF-16 units); `''` counts as empty. */
export function checkText(text: string, rule: TextRule): Checked<string> {
  let value = text.replace(/\r\n?/g, '\n').trim();
  if (rule.collapseSpaces) value = value.replace(/\s+/g, ' ');
  if (CONTROL.test(value)) return invalid(`${rule.label} contains control characters`);
  if (!rule.multiline && /[\n\t]/.test(value)) return invalid(`${rule.label} must be a single line without tabs`);
  const length = codePointLength(value);
  if (length < rule.min) return invalid(rule.min === 1 ? `${rule.label} is required` : `${rule.label} must be at least ${rule.min} characters`);
  if (length > rule.max) return invalid(`${rule.label} is ${length} characters long; at most ${rule.max} are allowed`);
  return valid(value);
}
