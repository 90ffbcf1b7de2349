/** Query parameters that carry secrets (web-form API keys, tokens): their values never reach a log. */
const SECRET_QUERY = /([?&](?:apikey|api_key|key|token|secret)=)[^&#]*/gi;
/** Path segments that are secrets (a calendar feed's URL is its credential), as `prefix + segment`. */
const SECRET_SEGMENTS = [/^(\/api\/events\/feed\/)[^/?#]+/i];

/** The request line without secrets, for the request log. */
export function redactUrl(url: string): string {
  const path = SECRET_SEGMENTS.reduce((line, pattern) => line.replace(pattern, '$1[redacted]'), url);
  return path.replace(SECRET_QUERY, '$1[redacted]');
}
