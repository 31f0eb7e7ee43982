import Foundation

/// A file read front to back in fixed-size chunks, so memory stays constant whatever the file size.
struct ByteChunks {
    let url: URL
    /// Size of the whole file in bytes.
    let size: Int64
    /// Bytes handed out so far.
    private(set) var offset: Int64 = 0
    private let handle: FileHandle
    private let chunkSize: Int

    init(url: URL, chunkSize: Int = 1 << 20) throws {
        self.url = url
        self.chunkSize = chunkSize
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ImportError(
                file: url.lastPathComponent, line: 0, field: nil,
                message: "cannot open \(url.path): \(error.localizedDescription)")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// The next chunk, or `nil` at the end of the file.
    mutating func next() throws -> [UInt8]? {
        guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
            try? handle.close()
            return nil
        }
        offset += Int64(data.count)
        return [UInt8](data)
    }
}
