/** A browser's cookie jar and forms, over fetch: for page tests that need no rendering. */

export interface PageResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The text with every run of whitespace one space and none between tags: what a reader sees, for assertions. */
  flat: string;
  /** The CSRF token the page's forms carry. */
  csrf(): string;
}

export class PageClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = pair.split('=');
      if (attributes.some((attribute) => attribute.trim() === 'Max-Age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<PageResponse> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { accept: 'text/html', ...(this.cookies.size > 0 ? { cookie: this.cookieHeader } : {}), ...(init.headers as Record<string, string>) },
    });
    this.remember(response.headers);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      flat: text.replace(/\s+/g, ' ').replace(/> </g, '><'),
      csrf: () => /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? '',
    };
  }

  get(path: string): Promise<PageResponse> {
    return this.request(path);
  }

  post(path: string, fields: Record<string, string>): Promise<PageResponse> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Signs in through the form; returns a page of the signed-in session (for its CSRF token). */
  async signIn(token: string): Promise<PageResponse> {
    const form = await this.get('/sign-in');
    const response = await this.post('/sign-in', { _csrf: form.csrf(), token });
    if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}: ${response.text.slice(0, 500)}`);
    return this.get('/');
  }
}
