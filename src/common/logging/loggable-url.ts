/** Query parameters that carry a secret: a calendar client can only send its feed token in the URL. */
const SECRET_PARAMETERS = /([?&](?:token|access_token)=)[^&#]*/gi;

/** The request URL as logs may keep it: secrets in the query string replaced by `[redacted]`. */
export function loggableUrl(url: string): string {
  return url.includes('token=') || url.includes('TOKEN=') ? url.replace(SECRET_PARAMETERS, '$1[redacted]') : url;
}
