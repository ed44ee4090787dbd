/** Embeddings are stored as the raw bytes of a Float32Array. */
export function vectorToBytes(vector: Float32Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(vector.slice().buffer);
}

export function bytesToVector(bytes: Uint8Array): Float32Array {
  // Copy: the driver's buffer may not start on a 4-byte boundary.
  return new Float32Array(bytes.slice().buffer);
}

/** Both vectors have unit length, so the dot product is the cosine similarity. */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
