/**
 * The one way pages write HTML: a tagged template (`markup`, a name code formatters leave alone: they would reflow the whitespace of templates tagged `html`) that escapes every interpolated value unless it
 * is already HTML made by this module. Nothing else in the pages builds markup from strings, so
 * text from the database, the URL or a form can never become markup.
 */

/** Markup that this module produced (or a constant the code wrote): interpolated as is. */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** What may be interpolated: text and numbers (escaped), HTML from here, lists of these, and nothing (null, undefined, false). */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/** `markup\`<p>${text}</p>\``: the literal parts are markup, every value is escaped. */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let index = 0; index < values.length; index++) out += render(values[index]) + strings[index + 1];
  return new SafeHtml(out);
}

/** Markup the code itself wrote (a constant), never data. */
export const trusted = (text: string): SafeHtml => new SafeHtml(text);

/** A number formatted for SVG coordinates: at most two decimals, no exponent. */
export function svgNumber(value: number): string {
  return (Math.round(value * 100) / 100).toString();
}
