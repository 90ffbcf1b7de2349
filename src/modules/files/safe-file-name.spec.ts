import { attachmentDisposition, safeFileName } from './safe-file-name.js';

describe('file names', () => {
  it('drop bidirectional controls, so a name reads as what it is', () => {
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('a\u2066b\u2069c\u200F.txt')).toBe('abc.txt');
  });

  it("are sent as RFC 8187 attr-chars: ' ( ) * encoded too", () => {
    expect(attachmentDisposition("O'Brien (final)*.pdf")).toBe("attachment; filename*=UTF-8''O%27Brien%20%28final%29%2A.pdf");
    expect(attachmentDisposition('Überweisung.pdf')).toBe("attachment; filename*=UTF-8''%C3%9Cberweisung.pdf");
  });
});
