import { oggCrc32 } from './ogg-crc.js';
import { OggMuxer } from './ogg-muxer.js';

interface ParsedPage {
  flags: number;
  granule: bigint;
  sequence: number;
  lacing: number[];
  body: Uint8Array;
}

function parsePages(bytes: Uint8Array): ParsedPage[] {
  const pages: ParsedPage[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
    expect(Buffer.from(bytes.subarray(offset, offset + 4)).toString('latin1')).toBe('OggS');
    const count = bytes[offset + 26]!;
    const lacing = Array.from(bytes.subarray(offset + 27, offset + 27 + count));
    const size = 27 + count + lacing.reduce((a, b) => a + b, 0);
    const page = Uint8Array.from(bytes.subarray(offset, offset + size));
    page.fill(0, 22, 26);
    expect(oggCrc32(page)).toBe(view.getUint32(22, true));
    pages.push({
      flags: bytes[offset + 5]!,
      granule: view.getBigInt64(6, true),
      sequence: view.getUint32(18, true),
      lacing,
      body: bytes.subarray(offset + 27 + count, offset + size),
    });
    offset += size;
  }
  return pages;
}

const join = (parts: (Uint8Array | undefined)[]) => Buffer.concat(parts.filter((part): part is Uint8Array => part !== undefined));

describe('Ogg muxer', () => {
  it('computes the Ogg CRC-32 (poly 0x04C11DB7, init 0, no final xor)', () => {
    expect(oggCrc32(Buffer.from('123456789', 'latin1'))).toBe(0x89a1897f);
  });

  it('laces packets, including one of exactly 255 bytes that needs a zero-length terminator', () => {
    const muxer = new OggMuxer(7);
    const pages = join([
      ...muxer.addPacket(new Uint8Array(255).fill(1), 10n),
      ...muxer.addPacket(new Uint8Array(3), 20n),
      muxer.flush(true),
    ]);
    const [page] = parsePages(pages);
    expect(page!.lacing).toEqual([255, 0, 3]);
    expect(page!.granule).toBe(20n);
    expect(page!.flags).toBe(0x02 | 0x04);
  });

  it('splits a large packet across pages with continuation flags and granule −1 where nothing ends', () => {
    const muxer = new OggMuxer(7);
    const big = Uint8Array.from({ length: 255 * 300 + 10 }, (_, i) => i & 0xff);
    const pages = parsePages(join([...muxer.addPacket(big, 99n), muxer.flush(true)]));
    expect(pages).toHaveLength(2);
    expect(pages.map((page) => page.sequence)).toEqual([0, 1]);
    expect(pages[0]!.granule).toBe(-1n);
    expect(pages[0]!.flags & 0x01).toBe(0);
    expect(pages[1]!.flags & 0x01).toBe(0x01);
    expect(pages[1]!.granule).toBe(99n);
    expect(Buffer.concat(pages.map((page) => page.body))).toEqual(Buffer.from(big));
  });

  it('closes with an empty last page carrying the final position, and refuses packets after it', () => {
    const muxer = new OggMuxer(1);
    muxer.addPacket(new Uint8Array(5), 960n);
    muxer.flush();
    const last = parsePages(muxer.flush(true)!);
    expect(last[0]!.granule).toBe(960n);
    expect(last[0]!.flags & 0x04).toBe(0x04);
    expect(() => muxer.addPacket(new Uint8Array(1), 0n)).toThrow(/ended/);
  });
});
