function msbFirstTable(polynomial: number, width: 8 | 16): Uint16Array {
  const top = 1 << (width - 1);
  const mask = (1 << width) - 1;
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << (width - 8);
    for (let bit = 0; bit < 8; bit++) crc = crc & top ? ((crc << 1) ^ polynomial) & mask : (crc << 1) & mask;
    table[byte] = crc;
  }
  return table;
}

const CRC8_TABLE = msbFirstTable(0x07, 8);
const CRC16_TABLE = msbFirstTable(0x8005, 16);

/** FLAC frame-header CRC: polynomial x^8 + x^2 + x + 1, initial 0, no reflection. */
export function crc8(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = CRC8_TABLE[crc ^ byte]!;
  return crc;
}

/** FLAC frame CRC: polynomial x^16 + x^15 + x^2 + 1, initial 0, no reflection. */
export function crc16(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[(crc >>> 8) ^ byte]!;
  return crc;
}
