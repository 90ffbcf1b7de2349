import { sanitizeMailHtml } from './sanitize.js';

describe('sanitizeMailHtml', () => {
  it('removes scripts, event handlers and javascript: links, keeping the formatting', () => {
    const html =
      '<p onclick="steal()">Dear <b>client</b>,</p><script>alert(1)</script>' +
      '<a href="javascript:alert(1)">x</a><a href="https://acme.com">acme</a><img src="x" onerror="steal()">';
    expect(sanitizeMailHtml(html)).toBe(
      '<p>Dear <b>client</b>,</p><a>x</a><a href="https://acme.com">acme</a><img src="x" />',
    );
  });
});
