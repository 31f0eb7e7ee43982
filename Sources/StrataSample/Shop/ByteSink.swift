import Foundation

/// A file written through an in-memory byte buffer, handed to the file in chunks of about 1 MB,
/// with the few appends a CSV writer needs (ASCII text, zero-padded decimals) done without `String`s.
final class ByteSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let chunk: Int
    /// How many bytes have been handed to the file so far.
    private(set) var written = 0

    /// Creates (or truncates) the file at `url`.
    init(url: URL, chunk: Int = 1 << 20) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        self.chunk = chunk
        buffer.reserveCapacity(chunk + 4096)
    }

    /// Appends bytes as they are.
    func append(_ text: [UInt8]) { buffer.append(contentsOf: text) }

    /// Appends the UTF-8 bytes of `text`.
    func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    /// Appends one byte.
    func append(byte: UInt8) { buffer.append(byte) }

    /// Appends `value` in decimal, left-padded with zeros to at least `width` digits.
    func append(decimal value: Int, width: Int = 0) {
        precondition(value >= 0)
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        if width > digits { buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits)) }
        let first = buffer.count
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var v = value
        var i = first + digits - 1
        while v > 0 {
            buffer[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
            i -= 1
        }
    }

    /// Ends a line, and writes the buffer out once it holds a chunk.
    func endLine() throws {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= chunk { try flush() }
    }

    /// Writes whatever is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes whatever is buffered and closes the file.
    func close() throws {
        try flush()
        try handle.close()
    }
}
