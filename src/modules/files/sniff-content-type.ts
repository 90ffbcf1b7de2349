/** Magic numbers of the formats people attach to CRM records, most specific first. */
const SIGNATURES: { type: string; bytes: number[]; offset?: number }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: 'application/gzip', bytes: [0x1f, 0x8b] },
  { type: 'application/x-ole-storage', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { type: 'audio/mpeg', bytes: [0x49, 0x44, 0x33] },
];

/** Office Open XML files are zips; their inner names say which. */
const OOXML: [string, string][] = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  // The sample may end inside a multi-byte character: judge all but its last three bytes.
  const sample = head.length > 3 ? head.subarray(0, head.length - 3) : head;
  return !sample.toString('utf8').includes('\uFFFD');
}

/** The content type of a file judged from its first bytes, never from what the client claims. */
export function sniffContentType(head: Buffer): string {
  const match = SIGNATURES.find(({ bytes, offset = 0 }) => bytes.every((byte, i) => head[offset + i] === byte));
  if (match?.type === 'application/zip') {
    const names = head.toString('latin1');
    return OOXML.find(([marker]) => names.includes(marker))?.[1] ?? match.type;
  }
  if (match) return match.type;
  if (head.length > 0 && looksLikeText(head)) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}
