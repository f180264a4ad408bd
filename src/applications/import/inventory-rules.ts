import type { TextRule } from './bounded-text';

/** Limits shared by both file formats; the same as creating the records by hand. */
export const APPLICATION_NAME: Omit<TextRule, 'label'> = { min: 1, max: 200 };
export const DEPARTMENT: Omit<TextRule, 'label'> = { min: 1, max: 100, collapseSpaces: true };
export const DESCRIPTION: Omit<TextRule, 'label'> = { min: 1, max: 2000, multiline: true };
export const GROUP_NAME: Omit<TextRule, 'label'> = { min: 1, max: 200 };
/** Enough for a team and its lists; more is a pasted directory, not contacts. */
export const MAX_CONTACTS = 50;
