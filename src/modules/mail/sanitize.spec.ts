import { sanitizeMailHtml } from './sanitize.js';

describe('sanitizeMailHtml', () => {
  it('removes scripts, event handlers and javascript: links, keeping the formatting', () => {
    const html =
      '<p onclick="steal()">Dear <b>client</b>,</p><script>alert(1)</script>' +
      '<a href="javascript:alert(1)">x</a><a href="https://acme.com">acme</a><img src="https://acme.com/logo.png" onerror="steal()">';
    expect(sanitizeMailHtml(html)).toBe(
      '<p>Dear <b>client</b>,</p><a>x</a><a href="https://acme.com">acme</a><img src="https://acme.com/logo.png" />',
    );
  });

  it('keeps only http(s) and mailto links: no data: pages, no protocol-relative ones', () => {
    const html =
      '<a href="data:text/html;base64,PHNjcmlwdD4=">open</a><a href="//evil.example/x">rel</a>' +
      '<a href="mailto:sales@acme.com">mail</a><img src="data:image/png;base64,AAAA">';
    expect(sanitizeMailHtml(html)).toBe('<a>open</a><a>rel</a><a href="mailto:sales@acme.com">mail</a><img />');
  });

  it('drops styles that lay an overlay over the page, keeping typographic ones', () => {
    const html =
      '<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999;background-color:#fff">Pay here</div>' +
      '<p style="color:#333;font-size:14px;background-image:url(https://evil.example/t.gif)">Hi</p>';
    expect(sanitizeMailHtml(html)).toBe(
      '<div style="width:100%;height:100%;background-color:#fff">Pay here</div><p style="color:#333;font-size:14px">Hi</p>',
    );
  });

  it('removes 1x1 tracking images', () => {
    expect(sanitizeMailHtml('<p>Hi</p><img src="https://t.example/open.gif" width="1" height="1">')).toBe('<p>Hi</p>');
  });
});
