/** MSB-first bit writer over a growable byte buffer, as FLAC frames are laid out. */
export class BitWriter {
  private bytes = new Uint8Array(4096);
  private length = 0;
  private accumulator = 0;
  private pendingBits = 0;

  /** Writes the low `count` bits of `value`; `count` is at most 24 so the accumulator never exceeds 32 bits. */
  writeBits(value: number, count: number): void {
    if (count === 0) return;
    this.accumulator = (this.accumulator << count) | (value & ((1 << count) - 1));
    this.pendingBits += count;
    while (this.pendingBits >= 8) {
      this.pendingBits -= 8;
      this.pushByte((this.accumulator >>> this.pendingBits) & 0xff);
    }
    this.accumulator &= (1 << this.pendingBits) - 1;
  }

  /** Any width up to 53 bits, split into pieces the accumulator can hold. */
  writeWide(value: number, count: number): void {
    let remaining = count;
    while (remaining > 24) {
      remaining -= 24;
      this.writeBits(Math.floor(value / 2 ** remaining) % 2 ** 24, 24);
    }
    this.writeBits(value % 2 ** remaining, remaining);
  }

  writeSigned(value: number, count: number): void {
    this.writeBits(value < 0 ? value + (1 << count) : value, count);
  }

  /** `count` zero bits followed by a one: the quotient part of a Rice code. */
  writeUnary(count: number): void {
    let zeros = count;
    while (zeros >= 24) {
      this.writeBits(0, 24);
      zeros -= 24;
    }
    this.writeBits(1, zeros + 1);
  }

  alignToByte(): void {
    if (this.pendingBits > 0) this.writeBits(0, 8 - this.pendingBits);
  }

  writeBytes(data: Uint8Array): void {
    this.alignToByte();
    for (const byte of data) this.pushByte(byte);
  }

  /** Bytes written so far; only whole bytes, so align first where the format requires it. */
  get byteLength(): number {
    return this.length;
  }

  view(from = 0, to = this.length): Uint8Array {
    return this.bytes.subarray(from, to);
  }

  toBytes(): Uint8Array {
    if (this.pendingBits > 0) throw new Error('Bit writer is not byte-aligned');
    return this.bytes.slice(0, this.length);
  }

  private pushByte(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
  }
}
