/** Samples at 48 kHz that libopus's encoder delays its output by (its lookahead), whatever the input rate. */
export const OPUS_PRE_SKIP = 312;

/** Identification header (RFC 7845 §5.1): version 1, mono, channel mapping family 0. */
export function opusHead(inputSampleRate: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(Buffer.from('OpusHead', 'latin1'));
  head[8] = 1;
  head[9] = 1;
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, inputSampleRate, true);
  view.setInt16(16, 0, true); // output gain
  head[18] = 0;
  return head;
}

/** Comment header (RFC 7845 §5.2) with a vendor string and no user comments. */
export function opusTags(vendor: string): Uint8Array {
  const vendorBytes = Buffer.from(vendor, 'utf8');
  const tags = new Uint8Array(8 + 4 + vendorBytes.length + 4);
  const view = new DataView(tags.buffer);
  tags.set(Buffer.from('OpusTags', 'latin1'));
  view.setUint32(8, vendorBytes.length, true);
  tags.set(vendorBytes, 12);
  view.setUint32(12 + vendorBytes.length, 0, true);
  return tags;
}
