import { invalid, valid, type Checked } from '../../common/input-rules/checked';
import { checkEmailAddress } from '../../common/input-rules/email-address';
import { uniqueInOrder } from './unique-in-order';

/**
 * The separator between addresses in one CSV cell. Not the comma: a comma would force quoting in
 * every multi-address cell, and spreadsheets only add those quotes on export, not when an admin
 * edits the file in a text editor.
 */
export const LIST_SEPARATOR = ';';

/** `ada@example.edu; bob@example.edu` → lower-case addresses without repeats; empty → []. */
export function checkEmailListCell(text: string, label: string, maxItems = Infinity): Checked<string[]> {
  if (text.includes(',')) return invalid(`${label} must separate addresses with "${LIST_SEPARATOR}", not ","`);
  const problems: string[] = [];
  const addresses: string[] = [];
  for (const part of text.split(LIST_SEPARATOR)) {
    if (part.trim() === '') continue; // "a@x.edu;" and "a@x.edu;;b@x.edu" are slips, not errors
    const checked = checkEmailAddress(part, 'address');
    if (checked.ok) addresses.push(checked.value);
    else problems.push(checked.message);
  }
  if (problems.length > 0) return invalid(`${label}: ${problems.join('; ')}`);
  const unique = uniqueInOrder(addresses);
  if (unique.length > maxItems) return invalid(`${label} lists ${unique.length} addresses; at most ${maxItems} are allowed`);
  return valid(unique);
}
