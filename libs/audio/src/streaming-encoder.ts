/**
 * Incremental encoder for chunked HTTP responses: each `append` returns the bytes that can be sent now (possibly none),
 * `end` the remainder. Concatenating every returned chunk gives a complete file.
 */
export interface StreamingEncoder {
  append(samples: Float32Array): Uint8Array;
  end(): Uint8Array;
}
