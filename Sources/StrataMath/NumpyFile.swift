import Foundation

/// Reading and writing 2-D float32 NumPy `.npy` files (format versions 1–3, C or Fortran order).
public enum NumpyFile {
    /// Why a file could not be read as a 2-D float32 matrix.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case notNumpy(path: String)
        case malformedHeader(path: String, header: String)
        case unsupportedDType(path: String, found: String)
        case notTwoDimensional(path: String, shape: String)
        case truncated(path: String, expectedBytes: Int, foundBytes: Int)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "\(path): cannot read (\(reason))"
            case .notNumpy(let path): "\(path): not a NumPy .npy file (expected the magic bytes \\x93NUMPY)"
            case .malformedHeader(let path, let header): "\(path): malformed .npy header \(header)"
            case .unsupportedDType(let path, let found):
                "\(path): expected dtype float32 ('<f4'), found '\(found)' (convert with arr.astype(np.float32))"
            case .notTwoDimensional(let path, let shape):
                "\(path): expected a 2-D array (rows, columns), found shape \(shape)"
            case .truncated(let path, let expected, let found):
                "\(path): expected \(expected) bytes of data, found \(found)"
            }
        }
    }

    /// Reads a 2-D little-endian float32 array.
    public static func readMatrix(atPath path: String) throws -> Matrix {
        let bytes: Data
        do { bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw Error.unreadable(path: path, reason: error.localizedDescription)
        }
        return try matrix(from: bytes, path: path)
    }

    /// Reads a 2-D little-endian float32 array from the bytes of a `.npy` file; `path` names them in errors.
    public static func matrix(from bytes: Data, path: String) throws -> Matrix {
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1 ..< 6]) == Array("NUMPY".utf8) else {
            throw Error.notNumpy(path: path)
        }
        let major = bytes[6]
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else { throw Error.notNumpy(path: path) }
        var headerLength = 0
        for i in 0 ..< lengthBytes { headerLength |= Int(bytes[8 + i]) << (8 * i) }
        let headerStart = 8 + lengthBytes
        guard bytes.count >= headerStart + headerLength else { throw Error.notNumpy(path: path) }
        let header = String(decoding: bytes[headerStart ..< headerStart + headerLength], as: UTF8.self)
        guard let descr = field("descr", in: header), let order = field("fortran_order", in: header),
            let shapeText = field("shape", in: header)
        else { throw Error.malformedHeader(path: path, header: header) }
        let dtype = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        guard dtype == "<f4" || dtype == "=f4" else { throw Error.unsupportedDType(path: path, found: dtype) }
        let shape = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard shape.count == 2, let rows = Int(shape[0]), let columns = Int(shape[1]) else {
            throw Error.notTwoDimensional(path: path, shape: shapeText)
        }
        let dataStart = headerStart + headerLength
        let expected = rows * columns * 4
        guard bytes.count - dataStart >= expected else {
            throw Error.truncated(path: path, expectedBytes: expected, foundBytes: bytes.count - dataStart)
        }
        var values = [Float](repeating: 0, count: rows * columns)
        values.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { raw in
                out.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[dataStart ..< dataStart + expected]))
            }
        }
        if order == "True" {
            return Matrix(rows: columns, columns: rows, values: values).transposed
        }
        return Matrix(rows: rows, columns: columns, values: values)
    }

    /// Writes `matrix` as a version 1.0, C-order, little-endian float32 array.
    public static func write(_ matrix: Matrix, toPath path: String) throws {
        do { try encoded(matrix).write(to: URL(fileURLWithPath: path)) } catch {
            throw Error.unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// The bytes of a version 1.0, C-order, little-endian float32 `.npy` file holding `matrix`.
    public static func encoded(_ matrix: Matrix) -> Data {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(matrix.rows), \(matrix.columns)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = header.utf8.count
        out.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        out.append(contentsOf: Array(header.utf8))
        matrix.values.withUnsafeBytes { out.append(contentsOf: $0) }
        return out
    }

    /// The text of `'key': value` in a header dictionary, up to the next top-level comma.
    private static func field(_ key: String, in header: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)'") else { return nil }
        var rest = header[keyRange.upperBound...].drop { $0 == " " || $0 == ":" }
        var depth = 0
        var value = ""
        while let c = rest.first {
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if (c == "," && depth == 0) || c == "}" { break }
            value.append(c)
            rest = rest.dropFirst()
        }
        return value.trimmingCharacters(in: .whitespaces)
    }
}
