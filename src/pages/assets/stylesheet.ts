/**
 * The one stylesheet of every page, served from the service (/assets/pages.css). Colours are
 * chosen for at least 4.5:1 contrast on their backgrounds; tracks and states are told apart by
 * text and pattern as well as colour.
 */
export const PAGES_STYLESHEET = `
:root { --ink: #1b1f24; --muted: #4a5360; --line: #c9ced6; --paper: #ffffff; --band: #f3f5f8;
  --accent: #0b5cad; --lts: #0b5cad; --stable: #6a3fa0; --notice: #b35900; --today: #b00020; --ok: #1d6b31; --warn: #8a5300; --error: #b00020; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
.skip-link:focus { left: 1rem; z-index: 10; }
header.site { background: #12263f; color: #fff; }
header.site .inner, main, footer.site .inner { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header.site .inner { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; min-height: 3.5rem; }
header.site a { color: #fff; }
header.site .brand { font-weight: 700; text-decoration: none; font-size: 1.1rem; }
header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
header.site nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
header.site .account { margin-left: auto; display: flex; align-items: center; gap: .75rem; }
header.site .account form { margin: 0; }
header.site .account button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: .2rem .6rem; font: inherit; cursor: pointer; }
main { padding-top: 1rem; padding-bottom: 2rem; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
h1 { font-size: 1.75rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--band); }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.notice-box { border-left: 6px solid var(--notice); background: #fff4e5; padding: .75rem 1rem; margin: 1rem 0; }
.error-box { border-left: 6px solid var(--error); background: #fdecee; padding: .75rem 1rem; margin: 1rem 0; }
.info-box { border-left: 6px solid var(--accent); background: #eaf2fb; padding: .75rem 1rem; margin: 1rem 0; }
.ok-box { border-left: 6px solid var(--ok); background: #e9f5ec; padding: .75rem 1rem; margin: 1rem 0; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-size: .85rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.status-SUPPORTED, .severity-INFO, .risk-DONE, .risk-ON_TRACK { color: var(--ok); }
.status-DEPRECATED, .severity-WARNING, .risk-AT_RISK { color: var(--warn); }
.status-END_OF_LIFE, .severity-ERROR, .risk-OVERDUE { color: var(--error); }
.status-ANTICIPATED { color: var(--stable); }
.track-LTS { color: var(--lts); }
.track-STABLE { color: var(--stable); }
form.inline { display: flex; flex-wrap: wrap; align-items: end; gap: .75rem; margin: .5rem 0 1rem; }
label { font-weight: 600; display: block; margin-bottom: .25rem; }
.field { margin-bottom: 1rem; }
.hint { color: var(--muted); font-size: .9rem; margin: .1rem 0 .4rem; }
input[type="text"], input[type="date"], input[type="password"], select, textarea { font: inherit; padding: .4rem .5rem; border: 1px solid #6b7480; border-radius: 4px; max-width: 100%; }
textarea { width: 100%; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; }
button, .button { font: inherit; background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .45rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
.chart { width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
.chart text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; font-size: .9rem; }
.legend .swatch { display: inline-block; width: 1.2rem; height: .8rem; vertical-align: middle; margin-right: .3rem; border: 1px solid var(--ink); }
.swatch-lts { background: var(--lts); }
.swatch-stable { background: var(--stable); }
.swatch-notice { background: repeating-linear-gradient(45deg, #ffd9a8, #ffd9a8 3px, var(--notice) 3px, var(--notice) 5px); }
.swatch-today { background: var(--today); width: .25rem !important; }
.swatch-remaining { background: var(--accent); }
.swatch-forecast { background: repeating-linear-gradient(90deg, var(--notice), var(--notice) 4px, #fff 4px, #fff 7px); }
.swatch-ideal { background: repeating-linear-gradient(90deg, var(--muted), var(--muted) 2px, #fff 2px, #fff 5px); }
.source { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9rem; white-space: pre-wrap; word-break: break-all; margin: 0; }
ol.findings-by-line { list-style: none; padding: 0; }
ol.findings-by-line > li { border-bottom: 1px solid var(--line); padding: .5rem 0; }
.line-number { color: var(--muted); display: inline-block; min-width: 4.5rem; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.5rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.explorer { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.explorer textarea { min-height: 14rem; }
.explorer pre { background: var(--band); padding: .75rem; overflow: auto; min-height: 14rem; max-height: 36rem; margin: 0; }
.explorer-docs { max-height: 32rem; overflow: auto; border: 1px solid var(--line); padding: .5rem 1rem; }
@media (max-width: 48rem) { .explorer { grid-template-columns: 1fr; } }
`;
