/**
 * A small reader for (already gunzipped) tar archives: POSIX ustar with the GNU long-name and
 * PAX path extensions, enough for the CIFAR-10 archive. Entries are views into the input.
 */
import { DataFormatError } from './dataFormatError';

const BLOCK = 512;

export interface TarEntry {
  name: string;
  type: 'file' | 'directory' | 'other';
  data: Uint8Array;
}

const decoder = new TextDecoder();

function text(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end === -1 ? field : field.subarray(0, end));
}

function octal(header: Uint8Array, start: number, length: number, where: string): number {
  const first = header[start] ?? 0;
  if (first & 0x80) {
    // GNU base-256: big-endian, the top bit of the first byte is the marker.
    let value = first & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + (header[start + i] ?? 0);
    return value;
  }
  const digits = text(header, start, length).trim();
  if (!/^[0-7]*$/.test(digits))
    throw new DataFormatError(`tar: ${where} is not octal ("${digits}").`);
  return digits === '' ? 0 : parseInt(digits, 8);
}

function checksumOk(header: Uint8Array, offset: number): boolean {
  const stored = octal(header, 148, 8, `checksum of the header at byte ${offset}`);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum === stored;
}

/** PAX extended header records "<len> key=value\n"; we only use `path`. */
function paxPath(data: Uint8Array): string | undefined {
  let path: string | undefined;
  for (const line of decoder.decode(data).split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(line);
    if (m) path = m[1];
  }
  return path;
}

export function readTar(bytes: Uint8Array, fileName = 'tar archive'): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return entries; // end-of-archive marker
    if (!checksumOk(header, offset)) {
      throw new DataFormatError(
        `${fileName}: bad header checksum at byte ${offset} (corrupt tar).`,
      );
    }
    const size = octal(header, 124, 12, `size of the entry at byte ${offset}`);
    const dataStart = offset + BLOCK;
    if (dataStart + size > bytes.length) {
      throw new DataFormatError(
        `${fileName}: entry at byte ${offset} needs ${size} bytes, only ` +
          `${bytes.length - dataStart} left (truncated).`,
      );
    }
    const data = bytes.subarray(dataStart, dataStart + size);
    const flag = String.fromCharCode(header[156] ?? 0);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (flag === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (flag === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (flag === 'g') continue; // global PAX header
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    const type = flag === '0' || flag === '\0' ? 'file' : flag === '5' ? 'directory' : 'other';
    entries.push({ name, type, data });
  }
  if (offset !== bytes.length) {
    throw new DataFormatError(`${fileName}: ends inside a header at byte ${offset} (truncated).`);
  }
  return entries; // no end marker: some writers omit it
}

function writeField(header: Uint8Array, start: number, length: number, value: string): void {
  header.set(new TextEncoder().encode(value).subarray(0, length), start);
}

/** A minimal ustar writer (regular files, names up to 100 bytes), for building test archives. */
export function writeTar(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const size = files.reduce((s, f) => s + BLOCK + Math.ceil(f.data.length / BLOCK) * BLOCK, 0);
  const out = new Uint8Array(size + 2 * BLOCK);
  let offset = 0;
  for (const f of files) {
    if (new TextEncoder().encode(f.name).length > 100)
      throw new RangeError(`name too long: ${f.name}`);
    const header = out.subarray(offset, offset + BLOCK);
    writeField(header, 0, 100, f.name);
    writeField(header, 100, 8, '0000644');
    writeField(header, 108, 8, '0000000');
    writeField(header, 116, 8, '0000000');
    writeField(header, 124, 12, f.data.length.toString(8).padStart(11, '0'));
    writeField(header, 136, 12, '00000000000');
    header[156] = 0x30; // '0': regular file
    writeField(header, 257, 8, 'ustar\u000000');
    header.fill(0x20, 148, 156);
    const sum = header.reduce((s, b) => s + b, 0);
    writeField(header, 148, 8, sum.toString(8).padStart(6, '0') + '\u0000 ');
    out.set(f.data, offset + BLOCK);
    offset += BLOCK + Math.ceil(f.data.length / BLOCK) * BLOCK;
  }
  return out;
}
