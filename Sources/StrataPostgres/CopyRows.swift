import Foundation
import NIOCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: fields separated by tabs, rows ended by
/// newlines, backslash escapes, `\N` for null.
struct CopyRows {
    private(set) var buffer = ByteBuffer()
    private(set) var count = 0
    private var rowStarted = false

    var isEmpty: Bool { count == 0 }

    mutating func text(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { bytes in
            // Most fields need no escape: write them in one piece.
            guard bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    mutating func integer<T: BinaryInteger>(_ value: T) {
        separate()
        buffer.writeString(String(value))
    }

    mutating func double(_ value: Double?) {
        separate()
        guard let value else { return null() }
        // Swift prints the shortest text that reads back as the same Double.
        buffer.writeString("\(value)")
    }

    /// A `bytea` field, in hex.
    mutating func bytes(_ data: Data) {
        separate()
        buffer.writeStaticString("\\\\x")
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        buffer.reserveCapacity(minimumWritableBytes: data.count * 2)
        for byte in data {
            buffer.writeInteger(digits[Int(byte >> 4)])
            buffer.writeInteger(digits[Int(byte & 0xF)])
        }
    }

    /// Ends the current row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(0x0A))
        rowStarted = false
        count += 1
    }

    private mutating func null() {
        buffer.writeStaticString("\\N")
    }

    private mutating func separate() {
        if rowStarted { buffer.writeInteger(UInt8(0x09)) }
        rowStarted = true
    }
}
