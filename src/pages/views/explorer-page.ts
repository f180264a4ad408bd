import { markup, type SafeHtml } from '../html/html';

const DEFAULT_QUERY = `# Ctrl+Enter runs the query.
query Catalog($on: Date) {
  releases(on: $on) {
    version
    track
    status
    generalAvailability
    endOfSupport
    migrationTarget { version }
  }
}`;

/** The GraphQL explorer (GET /graphql from a browser). The script that makes it work is /assets/explorer.js. */
export function explorerMain(): SafeHtml {
  return markup`<h1>GraphQL explorer</h1>
    <p>
      Runs queries against this service's <code>/graphql</code> endpoint, as any API client does. The catalog needs no token; other queries need an API token,
      which stays in this page only.
    </p>
    <div class="info-box" id="explorer-needs-script">
      <p>
        The explorer needs JavaScript. Without it, send queries with any HTTP client:
        <code>curl -H 'content-type: application/json' -d '{"query":"{ releases { version status } }"}' /graphql</code>.
      </p>
    </div>
    <form id="explorer-form" hidden>
      <div class="explorer">
        <div>
          <div class="field">
            <label for="explorer-query">Query</label><textarea id="explorer-query" name="query" rows="16" spellcheck="false">${DEFAULT_QUERY}</textarea>
          </div>
          <div class="field">
            <label for="explorer-variables">Variables (JSON)</label
            ><textarea id="explorer-variables" name="variables" rows="4" spellcheck="false">{ "on": null }</textarea>
          </div>
          <div class="field">
            <label for="explorer-token">API token (optional)</label>
            <p class="hint" id="explorer-token-hint">Sent as <code>Authorization: Bearer</code>; kept in this page only.</p>
            <input type="password" id="explorer-token" autocomplete="off" size="50" aria-describedby="explorer-token-hint" />
          </div>
          <button type="submit">Run query</button>
        </div>
        <div>
          <h2 id="explorer-result-heading">Result</h2>
          <p id="explorer-status" role="status" aria-live="polite"></p>
          <pre id="explorer-result" tabindex="0" role="region" aria-labelledby="explorer-result-heading"></pre>
        </div>
      </div>
    </form>
    <section id="explorer-docs-section" aria-labelledby="explorer-docs-heading" hidden>
      <h2 id="explorer-docs-heading">Schema</h2>
      <p><button type="button" id="explorer-load-docs">Load the schema</button></p>
      <div class="field"><label for="explorer-search">Find a type or field</label><input type="text" id="explorer-search" disabled /></div>
      <div id="explorer-docs" class="explorer-docs" tabindex="0" role="region" aria-label="Schema documentation"></div>
    </section>
    <script src="/assets/explorer.js" defer></script>`;
}
