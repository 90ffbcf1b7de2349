import sanitizeHtml from 'sanitize-html';

// Style values made of plain words, numbers, units, colours and commas: no url(), no expression().
const SAFE_VALUE = [/^[-#%.,\w\s()'"]*$/];
const STYLE_PROPERTIES = [
  'color', 'background-color', 'font-family', 'font-size', 'font-style', 'font-weight', 'line-height',
  'text-align', 'text-decoration', 'text-transform', 'vertical-align', 'white-space', 'letter-spacing',
  'width', 'max-width', 'min-width', 'height', 'border', 'border-top', 'border-right', 'border-bottom',
  'border-left', 'border-color', 'border-style', 'border-width', 'border-radius', 'border-collapse',
  'padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'display',
];
// Everything else (position, z-index, top/left, transform, opacity, ...) is dropped: a mail cannot
// lay an overlay over the reader's screen or hide what it really is.
const ALLOWED_STYLES = Object.fromEntries(STYLE_PROPERTIES.map((property) => [property, SAFE_VALUE]));
const DISPLAY_VALUES = [/^(block|inline|inline-block|table|table-row|table-cell|none)$/];

/** A 1x1 (or 0x0) image: the classic tracking pixel. */
const isTrackingPixel = (frame: sanitizeHtml.IFrame) =>
  frame.tag === 'img' && ['0', '1', '0px', '1px'].includes(frame.attribs.width ?? '') && ['0', '1', '0px', '1px'].includes(frame.attribs.height ?? '');

/**
 * Mail HTML as stored and sent: formatting, http(s)/mailto links and images kept; scripts, event
 * handlers, data:/javascript: URLs, layout-hijacking styles and tracking pixels removed.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2', 'span', 'font', 'center'],
    allowedAttributes: {
      ...sanitizeHtml.defaults.allowedAttributes,
      '*': ['style', 'align', 'width', 'height'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan', 'style', 'align', 'width'],
    },
    allowedStyles: { '*': { ...ALLOWED_STYLES, display: DISPLAY_VALUES } },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'cid'] },
    allowProtocolRelative: false,
    exclusiveFilter: isTrackingPixel,
  });
}
