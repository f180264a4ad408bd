import { findingCodeInfo, isFindingCode, type Finding } from '../../requirements';
import { markup, type SafeHtml } from '../html/html';
import { badge, releaseHref } from './format';

export const SCAN_FORMATS = [
  { filename: 'requirements.txt', label: 'requirements.txt (pip)' },
  { filename: 'pyproject.toml', label: 'pyproject.toml (PEP 621 or Poetry)' },
  { filename: 'Pipfile', label: 'Pipfile (pipenv)' },
] as const;

export interface ScanOutcome {
  filename: string;
  runtime: string | null;
  /** The scanned text, split into lines, to show each finding on its line. */
  lines: readonly string[];
  requirements: number;
  findings: readonly Finding[];
}

export interface ScanPageData {
  csrfToken: string;
  runtimes: readonly { version: string; status: string; recommended: boolean }[];
  maxUploadBytes: number;
  /** What the form shows: the last submission, or the defaults. */
  content: string;
  filename: string;
  runtime: string | null;
  problem: string | null;
  outcome: ScanOutcome | null;
}

function explanation(finding: Finding): SafeHtml {
  const info = isFindingCode(finding.code) ? findingCodeInfo(finding.code) : null;
  return markup`<li class="finding">
    <p>${badge('severity', finding.severity)} <strong>${finding.code}</strong>${finding.package ? markup` · ${finding.package}` : ''}: ${finding.message}</p>
    ${finding.hint ? markup`<p class="hint">How to fix: ${finding.hint}</p>` : ''}
    ${
      info
        ? markup`<details>
            <summary>About ${finding.code}: ${info.title}</summary>
            <p>${info.description}</p>
          </details>`
        : ''
    }
  </li>`;
}

function findingsByLine(outcome: ScanOutcome): SafeHtml {
  const fileLevel = outcome.findings.filter((finding) => finding.line === null);
  const byLine = new Map<number, Finding[]>();
  for (const finding of outcome.findings) {
    if (finding.line === null) continue;
    const list = byLine.get(finding.line) ?? [];
    list.push(finding);
    byLine.set(finding.line, list);
  }
  const lines = [...byLine.keys()].sort((a, b) => a - b);
  return markup`${
    fileLevel.length > 0
      ? markup`<h3>About the whole file</h3>
          <ul class="findings">
            ${fileLevel.map(explanation)}
          </ul>`
      : ''
  }
  ${
    lines.length > 0
      ? markup`<h3>By line</h3>
          <ol class="findings-by-line">
            ${lines.map(
              (line) =>
                markup`<li id="line-${line}">
                  <p class="source"><span class="line-number">Line ${line}</span>${outcome.lines[line - 1] ?? ''}</p>
                  <ul class="findings">
                    ${byLine.get(line)!.map(explanation)}
                  </ul>
                </li>`,
            )}
          </ol>`
      : ''
  }`;
}

function results(outcome: ScanOutcome): SafeHtml {
  const errors = outcome.findings.filter((finding) => finding.severity === 'ERROR').length;
  const warnings = outcome.findings.filter((finding) => finding.severity === 'WARNING').length;
  const against = outcome.runtime ? markup`against <a href="${releaseHref(outcome.runtime)}">${outcome.runtime}</a>` : 'without a runtime';
  return markup`<section aria-labelledby="results-heading">
    <h2 id="results-heading" tabindex="-1">Results for ${outcome.filename} ${against}</h2>
    <div class="${errors > 0 ? 'error' : warnings > 0 ? 'notice' : 'ok'}-box" role="status">
      <p>
        ${outcome.requirements} requirements read;
        ${outcome.findings.length === 0 ? 'no findings.' : `${errors} errors, ${warnings} warnings, ${outcome.findings.length - errors - warnings} notes.`}
      </p>
    </div>
    ${outcome.findings.length > 0 ? findingsByLine(outcome) : ''}
  </section>`;
}

/** The main part of `/scan`: a form that works without JavaScript (multipart POST, so a file can be chosen) and the findings. */
export function scanMain(data: ScanPageData): SafeHtml {
  const kib = Math.floor(data.maxUploadBytes / 1024);
  return markup`<h1>Scan requirements</h1>
    <p>
      Paste or choose a <code>requirements.txt</code>, <code>pyproject.toml</code> or <code>Pipfile</code> and pick the runtime it should run on. Nothing is
      stored.
    </p>
    ${data.problem ? markup`<div class="error-box" role="alert" id="scan-problem"><p>${data.problem}</p></div>` : ''}
    <form method="post" action="/scan" enctype="multipart/form-data">
      <input type="hidden" name="_csrf" value="${data.csrfToken}" />
      <div class="field">
        <label for="content">File content</label>
        <p class="hint" id="content-hint">At most ${kib} KiB. A chosen file below replaces what is pasted here.</p>
        <textarea id="content" name="content" rows="14" spellcheck="false" aria-describedby="content-hint${data.problem ? ' scan-problem' : ''}">
${data.content}</textarea>
      </div>
      <div class="field">
        <label for="file">Or choose a file</label>
        <input type="file" id="file" name="file" accept=".txt,.in,.toml,Pipfile,text/plain" />
      </div>
      <div class="field">
        <label for="filename">Format</label>
        <p class="hint" id="filename-hint">For pasted text; a chosen file's name decides its format.</p>
        <select id="filename" name="filename" aria-describedby="filename-hint">
          ${SCAN_FORMATS.map((format) => markup`<option value="${format.filename}"${format.filename === data.filename ? markup` selected` : ''}>${format.label}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="runtime">Runtime</label>
        <select id="runtime" name="runtime">
          <option value=""${data.runtime === null ? markup` selected` : ''}>No runtime (syntax and pins only)</option>
          ${data.runtimes.map(
            (runtime) =>
              markup`<option value="${runtime.version}"${runtime.version === data.runtime ? markup` selected` : ''}>${runtime.version} (${runtime.status.replace(/_/g, ' ').toLowerCase()}${runtime.recommended ? ', recommended' : ''})</option>`,
          )}
        </select>
      </div>
      <button type="submit">Scan</button>
    </form>
    ${data.outcome ? results(data.outcome) : ''}`;
}
