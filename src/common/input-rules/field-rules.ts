/**
 * The rules of each kind of field, shared by GraphQL inputs, the inventory import and the CLI so
 * that one value gets one answer (and one message) wherever it comes in. Each check takes the
 * text and the name of the field to put in its message.
 */
import { checkOptional, type Checked } from './checked';
import { checkText, type TextRule } from './text';

export type FieldCheck<T = string> = (text: string, label: string) => Checked<T>;

/** Limits shared by both file formats; the same as creating the records by hand. */
export const APPLICATION_NAME: Omit<TextRule, 'label'> = { min: 1, max: 200 };
export const DEPARTMENT: Omit<TextRule, 'label'> = { min: 1, max: 100, collapseSpaces: true };
export const DESCRIPTION: Omit<TextRule, 'label'> = { min: 1, max: 2000, multiline: true };
export const GROUP_NAME: Omit<TextRule, 'label'> = { min: 1, max: 200 };
export const DISPLAY_NAME: Omit<TextRule, 'label'> = { min: 1, max: 200 };
export const API_TOKEN_NAME: Omit<TextRule, 'label'> = { min: 1, max: 100 };
/** Why someone overrode a rule: kept in the audit log, so a sentence or a short paragraph. */
export const REASON: Omit<TextRule, 'label'> = { min: 1, max: 2000, multiline: true };
/** A release's notes: a page of text. */
export const RELEASE_NOTES: Omit<TextRule, 'label'> = { min: 1, max: 10_000, multiline: true };
/** Enough for a team and its lists; more is a pasted directory, not contacts. */
export const MAX_CONTACTS = 50;

const textCheck =
  (rule: Omit<TextRule, 'label'>): FieldCheck =>
  (text, label) =>
    checkText(text, { label, ...rule });

export const checkApplicationName = textCheck(APPLICATION_NAME);
export const checkDepartment = textCheck(DEPARTMENT);
export const checkDescription = textCheck(DESCRIPTION);
export const checkGroupName = textCheck(GROUP_NAME);
export const checkDisplayName = textCheck(DISPLAY_NAME);
export const checkApiTokenName = textCheck(API_TOKEN_NAME);
export const checkReason = textCheck(REASON);
export const checkReleaseNotes = textCheck(RELEASE_NOTES);

/** An optional field: empty (or only spaces) is absent, anything else must pass `check`. */
export const optional =
  <T>(check: FieldCheck<T>): FieldCheck<T | null> =>
  (text, label) =>
    checkOptional(text, (value) => check(value, label));
