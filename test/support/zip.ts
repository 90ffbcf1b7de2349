import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A ZIP archive of the given files, deflated, written by hand: for workbooks no spreadsheet
 * library would write (inline strings of a MiB, prefixed namespaces), as an attacker would.
 */
export function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    const sizes = (header: Buffer, at: number) => {
      header.writeUInt32LE(crc32(data), at);
      header.writeUInt32LE(packed.length, at + 4);
      header.writeUInt32LE(data.length, at + 8);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    sizes(local, 14);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    sizes(entry, 16);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    central.push(entry, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A workbook whose first sheet holds these rows of inline strings, its elements under `prefix` if given. */
export function inlineWorkbook(rows: string[][], prefix = ''): Buffer {
  const p = prefix ? `${prefix}:` : '';
  const cells = (row: string[]) => row.map((text) => `<${p}c t="inlineStr"><${p}is><${p}t>${text}</${p}t></${p}is></${p}c>`).join('');
  const xmlns = prefix ? `xmlns:${prefix}` : 'xmlns';
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${xmlns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${p}sheetData>${rows
    .map((row, index) => `<${p}row r="${index + 1}">${cells(row)}</${p}row>`)
    .join('')}</${p}sheetData></${p}worksheet>`;
  return zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    'xl/worksheets/sheet1.xml': sheet,
  });
}
