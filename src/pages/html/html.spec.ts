import { describe, expect, it } from 'vitest';
import { escapeHtml, markup, SafeHtml, svgNumber, trusted } from './html';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('leaves other text, Unicode included, alone', () => {
    expect(escapeHtml('Python 3.6 — “LTS” ✓ 36.11.0')).toBe('Python 3.6 — “LTS” ✓ 36.11.0');
  });
});

describe('markup', () => {
  it('escapes interpolated text but not the template', () => {
    const name = '<script>alert(1)</script>';
    expect(markup`<p class="x">${name}</p>`.text).toBe('<p class="x">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('escapes inside attribute values', () => {
    expect(markup`<a href="/releases/${'" onmouseover="x'}">`.text).toBe('<a href="/releases/&quot; onmouseover=&quot;x">');
  });

  it('keeps HTML made by markup or trusted, and joins lists', () => {
    const items = ['a&b', 'c'].map((item) => markup`<li>${item}</li>`);
    expect(markup`<ul>${items}</ul>`.text).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
    expect(markup`${trusted('<br>')}`.text).toBe('<br>');
  });

  it('writes numbers, and nothing for null, undefined and booleans', () => {
    expect(markup`${3}|${null}|${undefined}|${false}|${true}|${0}`.text).toBe('3|||||0');
  });

  it('does not trust an object that only looks like SafeHtml', () => {
    const forged = { text: '<b>' } as unknown as SafeHtml;
    expect(markup`${forged as never}`.text).toBe('[object Object]');
    expect(markup`${new SafeHtml('<b>')}`.text).toBe('<b>');
  });
});

describe('svgNumber', () => {
  it('rounds to two decimals without exponents', () => {
    expect(svgNumber(1 / 3)).toBe('0.33');
    expect(svgNumber(120)).toBe('120');
    expect(svgNumber(1e-9)).toBe('0');
  });
});
