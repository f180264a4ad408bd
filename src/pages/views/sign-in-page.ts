import { markup, type SafeHtml } from '../html/html';

export interface SignInPageData {
  csrfToken: string;
  /** Where to go after signing in (a path of this site). */
  next: string;
  problem: string | null;
  info: string | null;
}

export function signInMain(data: SignInPageData): SafeHtml {
  return markup`<h1>Sign in</h1>
    ${data.problem ? markup`<div class="error-box" role="alert" id="sign-in-problem"><p>${data.problem}</p></div>` : ''}
    ${data.info ? markup`<div class="info-box" role="status"><p>${data.info}</p></div>` : ''}
    <p>
      Paste an API token once. The service keeps it on its side and gives this browser a session cookie instead: the token is never put in a URL or in the
      browser's storage. Ask an admin for a token, or create one with the <code>createApiToken</code> mutation.
    </p>
    <form method="post" action="/sign-in">
      <input type="hidden" name="_csrf" value="${data.csrfToken}" />
      <input type="hidden" name="next" value="${data.next}" />
      <div class="field">
        <label for="token">API token</label>
        <p class="hint" id="token-hint">Starts with <code>pype_</code>.</p>
        <input
          type="password"
          id="token"
          name="token"
          autocomplete="off"
          spellcheck="false"
          size="60"
          required
          aria-describedby="token-hint${data.problem ? ' sign-in-problem' : ''}"
          ${data.problem ? markup` aria-invalid="true"` : ''}
        />
      </div>
      <button type="submit">Sign in</button>
    </form>`;
}

/** A `next` target that stays on this site: a path, not `//host` or a scheme. */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 512) return '/';
  return /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/';
}
