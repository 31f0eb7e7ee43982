import Foundation

/// How the bytes of a text file map to characters.
enum TextEncoding {
    /// UTF-8; fields that are not valid UTF-8 are reported, never silently repaired.
    case utf8
    /// ISO-8859-1 (every byte is one character), as in MovieLens 100K's `u.item`.
    case latin1
}

/// One record of a delimited text file.
struct DelimitedRecord {
    /// The fields, decoded. Fields that were not valid text hold the decoding with U+FFFD replacements.
    var fields: [String]
    /// Index of the first field that was not valid text in the file's encoding, if any.
    var invalidField: Int?
    /// The 1-based line on which the record starts.
    var line: Int
    /// The record as it stood in the file, without its line end.
    var raw: [UInt8]
}

/// Reads delimiter-separated records one at a time in constant memory.
///
/// Without a delimiter each line is one record of one field (as for JSON Lines).
/// With `quoting` on it follows RFC 4180: fields may be wrapped in double quotes, inside which the
/// delimiter, line breaks and doubled quotes (`""` for `"`) stand for themselves. Lines end with LF,
/// CRLF or CR. Blank lines are skipped.
struct DelimitedReader {
    private var chunks: ByteChunks
    private let delimiter: UInt8?
    private let quoting: Bool
    private let encoding: TextEncoding
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var nextLine = 1
    private var field: [UInt8] = []
    private var record = DelimitedRecord(fields: [], invalidField: nil, line: 0, raw: [])

    init(url: URL, delimiter: Character? = ",", quoting: Bool = true, encoding: TextEncoding = .utf8) throws {
        chunks = try ByteChunks(url: url)
        self.delimiter = delimiter.map { $0.asciiValue! }
        self.quoting = quoting
        self.encoding = encoding
        field.reserveCapacity(256)
        record.raw.reserveCapacity(256)
    }

    /// Bytes of the file consumed so far, and the file's size (for progress).
    var progress: (done: Int64, total: Int64) {
        (chunks.offset - Int64(buffer.count - position), chunks.size)
    }

    /// The next record, or `nil` at the end of the file.
    mutating func next() throws -> DelimitedRecord? {
        while true {
            guard let first = try peek() else { return nil }
            if first == lf || first == cr {
                consumeLineEnd(first)
                continue
            }
            break
        }
        record.fields.removeAll(keepingCapacity: true)
        record.raw.removeAll(keepingCapacity: true)
        record.invalidField = nil
        record.line = nextLine
        field.removeAll(keepingCapacity: true)
        var inQuotes = false
        var quotedField = false
        while let byte = try peek() {
            if inQuotes {
                position += 1
                record.raw.append(byte)
                if byte == quote {
                    if try peek() == quote {
                        position += 1
                        record.raw.append(quote)
                        field.append(quote)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == lf { nextLine += 1 } else if byte == cr, try peek() != lf { nextLine += 1 }
                    field.append(byte)
                }
                continue
            }
            if byte == lf || byte == cr {
                consumeLineEnd(byte)
                break
            }
            if byte != delimiter && byte != quote {
                appendOrdinaryRun()
                continue
            }
            position += 1
            record.raw.append(byte)
            if byte == delimiter {
                finishField()
                quotedField = false
            } else if quoting && byte == quote && field.isEmpty && !quotedField {
                inQuotes = true
                quotedField = true
            } else {
                field.append(byte)
            }
        }
        finishField()
        return record
    }

    /// Copies the run of bytes from `position` up to the next delimiter, quote or line end (or the
    /// end of the buffer) into the field and the raw record at once.
    private mutating func appendOrdinaryRun() {
        let start = position
        var end = start
        let stops = (delimiter ?? lf, quoting ? quote : lf)
        buffer.withUnsafeBufferPointer { bytes in
            while end < bytes.count {
                let c = bytes[end]
                if c == stops.0 || c == stops.1 || c == lf || c == cr { break }
                end += 1
            }
        }
        field.append(contentsOf: buffer[start ..< end])
        record.raw.append(contentsOf: buffer[start ..< end])
        position = end
    }

    private mutating func finishField() {
        switch encoding {
        case .utf8:
            if field.allSatisfy({ $0 < 0x80 }) {
                record.fields.append(String(decoding: field, as: UTF8.self))  // ASCII: the fast path
            } else if let text = String(validating: field, as: UTF8.self) {
                record.fields.append(text)
            } else {
                if record.invalidField == nil { record.invalidField = record.fields.count }
                record.fields.append(String(decoding: field, as: UTF8.self))
            }
        case .latin1:
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: field.map { Unicode.Scalar($0) })
            record.fields.append(String(scalars))
        }
        field.removeAll(keepingCapacity: true)
    }

    private mutating func consumeLineEnd(_ byte: UInt8) {
        position += 1
        if byte == cr, (try? peek()) == lf { position += 1 }
        nextLine += 1
    }

    private mutating func peek() throws -> UInt8? {
        if position < buffer.count { return buffer[position] }
        guard !atEnd else { return nil }
        guard let chunk = try chunks.next() else {
            atEnd = true
            buffer = []
            position = 0
            return nil
        }
        buffer = chunk
        position = 0
        return buffer[0]
    }

    private let quote = UInt8(ascii: "\"")
    private let lf = UInt8(ascii: "\n")
    private let cr = UInt8(ascii: "\r")
}
