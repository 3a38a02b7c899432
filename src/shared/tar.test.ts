import { describe, expect, it } from 'vitest';
import { readTar, writeTar } from './tar';

const enc = (s: string) => new TextEncoder().encode(s);

describe('readTar', () => {
  it('reads back what writeTar wrote: names, sizes (incl. 0 and 512), contents', () => {
    const files = [
      { name: 'dir/a.bin', data: new Uint8Array(1000).map((_, i) => i & 0xff) },
      { name: 'empty', data: new Uint8Array(0) },
      { name: 'dir/block', data: new Uint8Array(512).fill(7) },
    ];
    const tar = writeTar(files);
    // 512-byte header per file, data padded to 512, then two zero blocks
    expect(tar.length).toBe(512 * (1 + 2) + 512 + 512 * (1 + 1) + 1024);
    const entries = readTar(tar);
    expect(entries.map((e) => e.name)).toEqual(['dir/a.bin', 'empty', 'dir/block']);
    expect(entries.every((e) => e.type === 'file')).toBe(true);
    entries.forEach((e, i) => expect(e.data).toEqual(files[i]?.data));
  });

  it('uses GNU long names and PAX paths for the next entry', () => {
    const long = 'x/'.repeat(80) + 'long.bin';
    const tar = writeTar([
      { name: '././@LongLink', data: enc(long + '\0') },
      { name: 'short', data: enc('hi') },
      { name: 'PaxHeader', data: enc(`${20 + 5} path=pax/name.bin\n`) },
      { name: 'other', data: enc('yo') },
    ]);
    // mark the first entry as GNU 'L' and the third as PAX 'x' (and fix their checksums)
    const retype = (offset: number, flag: string) => {
      tar[offset + 156] = flag.charCodeAt(0);
      tar.fill(0x20, offset + 148, offset + 156);
      const sum = tar.subarray(offset, offset + 512).reduce((s, b) => s + b, 0);
      tar.set(enc(sum.toString(8).padStart(6, '0') + '\0 '), offset + 148);
    };
    retype(0, 'L');
    retype(512 * 4, 'x'); // entries 0 and 1 take a header and one data block each
    const entries = readTar(tar);
    expect(entries.map((e) => e.name)).toEqual([long, 'pax/name.bin']);
    expect(new TextDecoder().decode(entries[1]?.data)).toBe('yo');
  });

  it('rejects a corrupted header and a truncated entry', () => {
    const tar = writeTar([{ name: 'a', data: new Uint8Array(2000) }]);
    const corrupt = tar.slice();
    corrupt[0] = 'b'.charCodeAt(0);
    expect(() => readTar(corrupt, 'x.tar')).toThrow(/x\.tar: bad header checksum at byte 0/);
    expect(() => readTar(tar.subarray(0, 1500))).toThrow(/needs 2000 bytes, only 988 left/);
    expect(() => readTar(tar.subarray(0, 2560 + 100))).toThrow(/ends inside a header/);
  });
});
