/**
 * Bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin): `invoice‮fdp.exe` reads as
 * `invoiceexe.pdf`. Never part of an honest file name.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A display name from the client's file name: its last segment, printable, at most 255 characters. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const printable = base.replace(/[\u0000-\u001f\u007f"]/g, '').replace(BIDI_CONTROLS, '').trim();
  return (printable || 'file').slice(0, 255);
}

/** `Content-Disposition: attachment` with the name in RFC 8187's `filename*` form. */
export function attachmentDisposition(fileName: string): string {
  // encodeURIComponent leaves ' ( ) * unencoded, which RFC 8187's attr-char does not allow.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}
