import { oggCrc32 } from './ogg-crc.js';

const HEADER_BYTES = 27;
const MAX_SEGMENTS = 255;
/** Granule position of a page on which no packet ends. */
const NO_GRANULE = -1n;

const FLAG_CONTINUED = 0x01;
const FLAG_FIRST = 0x02;
const FLAG_LAST = 0x04;

/**
 * Ogg logical-bitstream writer: lays packets out as 255-byte lacing segments on pages of at most 255 segments,
 * splitting a packet across pages when needed (continued flag, granule −1 on pages where nothing ends).
 * Pages are returned as soon as they are full or when the caller flushes.
 */
export class OggMuxer {
  private segments: number[] = [];
  private body: Uint8Array[] = [];
  private granule = NO_GRANULE;
  private lastEndedGranule = 0n;
  private sequence = 0;
  private startsContinued = false;
  private finished = false;

  constructor(private readonly serial: number) {}

  /** Queues one packet whose last sample has position `granule`; returns the pages this filled. */
  addPacket(packet: Uint8Array, granule: bigint): Uint8Array[] {
    if (this.finished) throw new Error('Ogg stream already ended');
    const pages: Uint8Array[] = [];
    let offset = 0;
    for (;;) {
      const size = Math.min(255, packet.length - offset);
      this.segments.push(size);
      this.body.push(packet.subarray(offset, offset + size));
      offset += size;
      const packetEnds = size < 255;
      if (packetEnds) this.granule = this.lastEndedGranule = granule;
      if (this.segments.length === MAX_SEGMENTS) {
        pages.push(this.page(0));
        this.startsContinued = !packetEnds;
      }
      if (packetEnds) return pages;
    }
  }

  get hasPendingData(): boolean {
    return this.segments.length > 0;
  }

  /** Closes the current page (if any); `last` marks the end of the stream and is allowed on an otherwise empty page. */
  flush(last = false): Uint8Array | undefined {
    if (this.finished) throw new Error('Ogg stream already ended');
    if (!last && this.segments.length === 0) return undefined;
    const page = this.page(last ? FLAG_LAST : 0);
    this.startsContinued = false;
    if (last) this.finished = true;
    return page;
  }

  private page(extraFlags: number): Uint8Array {
    const bodyLength = this.body.reduce((sum, part) => sum + part.length, 0);
    const page = new Uint8Array(HEADER_BYTES + this.segments.length + bodyLength);
    const view = new DataView(page.buffer);
    page.set(Buffer.from('OggS', 'latin1'));
    page[4] = 0; // stream structure version
    page[5] = (this.startsContinued ? FLAG_CONTINUED : 0) | (this.sequence === 0 ? FLAG_FIRST : 0) | extraFlags;
    // An empty closing page repeats the last position so that the stream's duration stays readable from it.
    const granule = this.segments.length === 0 ? this.lastEndedGranule : this.granule;
    view.setBigInt64(6, granule, true);
    view.setUint32(14, this.serial, true);
    view.setUint32(18, this.sequence++, true);
    page[26] = this.segments.length;
    page.set(this.segments, HEADER_BYTES);
    let offset = HEADER_BYTES + this.segments.length;
    for (const part of this.body) {
      page.set(part, offset);
      offset += part.length;
    }
    view.setUint32(22, oggCrc32(page), true);
    this.segments = [];
    this.body = [];
    this.granule = NO_GRANULE;
    return page;
  }
}
