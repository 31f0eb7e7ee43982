import Foundation
import StrataText

/// A reader for the safetensors format: an 8-byte little-endian header length, a JSON header that maps
/// each tensor name to its dtype, shape and byte range, then the raw little-endian data.
///
/// The file is memory-mapped; `F32`, `F16` and `BF16` tensors are returned as `Float`.
public struct SafeTensors: Sendable {
    /// One tensor's entry in the header.
    public struct Entry: Sendable, Equatable {
        public let dtype: String
        public let shape: [Int]
        public let byteRange: Range<Int>
    }

    /// The file this was read from (for error messages).
    public let path: String
    /// Every tensor in the file by name.
    public let entries: [String: Entry]
    private let data: Data
    private let dataStart: Int

    /// Opens and validates `url`: the header must parse and every byte range must lie inside the file
    /// and match its dtype and shape.
    public init(contentsOf url: URL) throws {
        path = url.path
        data = try ModelError.mappedFile(url)
        guard data.count >= 8 else {
            throw ModelError.corruptWeights(
                path, "the file is \(data.count) bytes, shorter than the 8-byte header length")
        }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        guard headerLength <= UInt64(data.count - 8) else {
            throw ModelError.corruptWeights(
                path, "the header claims \(headerLength) bytes but the file has only \(data.count - 8) after the length"
            )
        }
        dataStart = 8 + Int(headerLength)
        let header: [String: JSONValue]
        do {
            guard let object = try JSONValue.parse(data.subdata(in: 8 ..< dataStart)).objectValue else {
                throw ModelError.corruptWeights(path, "the header is not a JSON object")
            }
            header = object
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError.corruptWeights(path, "the header is not valid JSON")
        }
        let available = data.count - dataStart
        var entries = [String: Entry]()
        for (name, value) in header where name != "__metadata__" {
            guard let dtype = value["dtype"]?.stringValue,
                let shape = value["shape"]?.intArrayValue,
                let offsets = value["data_offsets"]?.intArrayValue, offsets.count == 2
            else { throw ModelError.corruptWeights(path, "tensor \(name) lacks dtype, shape or data_offsets") }
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= available else {
                throw ModelError.corruptWeights(
                    path,
                    "tensor \(name) ends at byte \(offsets[1]) but the data has \(available) bytes (truncated file?)")
            }
            if let width = Self.byteWidth(of: dtype) {
                let expected = shape.reduce(1, *) * width
                guard expected == offsets[1] - offsets[0] else {
                    throw ModelError.corruptWeights(
                        path,
                        "tensor \(name) has \(offsets[1] - offsets[0]) bytes, its \(dtype) shape \(shape) needs \(expected)"
                    )
                }
            }
            entries[name] = Entry(dtype: dtype, shape: shape, byteRange: offsets[0] ..< offsets[1])
        }
        self.entries = entries
    }

    /// The values of tensor `name` as `Float`, checked against `shape` when given.
    public func floats(_ name: String, shape expectedShape: [Int]? = nil) throws -> [Float] {
        guard let entry = entries[name] else { throw ModelError.missingTensor(path, name) }
        if let expectedShape, expectedShape != entry.shape {
            throw ModelError.corruptWeights(path, "tensor \(name) has shape \(entry.shape), expected \(expectedShape)")
        }
        let count = entry.shape.reduce(1, *)
        let start = dataStart + entry.byteRange.lowerBound
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Float] in
            let bytes = UnsafeRawBufferPointer(rebasing: raw[start ..< start + entry.byteRange.count])
            switch entry.dtype {
            case "F32":
                return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
                    initialized = count
                }
            case "F16":
                return (0 ..< count).map {
                    Float(
                        Float16(bitPattern: bytes.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self).littleEndian))
                }
            case "BF16":
                return (0 ..< count).map {
                    Float(
                        bitPattern: UInt32(bytes.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self).littleEndian)
                            << 16)
                }
            default:
                throw ModelError.corruptWeights(
                    path, "tensor \(name) has dtype \(entry.dtype); expected F32, F16 or BF16")
            }
        }
    }

    private static func byteWidth(of dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64", "U64": 8
        case "F32", "I32", "U32": 4
        case "F16", "BF16", "I16", "U16": 2
        case "I8", "U8", "BOOL": 1
        default: nil
        }
    }
}
