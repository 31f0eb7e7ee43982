import Foundation

/// Byte-by-byte searches of the files a test's store wrote, as `grep -a -r` would.
public enum FileScan {
    /// The paths of the files under `folder` (recursively) whose bytes contain `text` encoded as UTF-8.
    public static func files(under folder: URL, containing text: String) throws -> [String] {
        let needle = Data(text.utf8)
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return try paths.sorted().filter { path in
            let url = folder.appendingPathComponent(path)
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { return false }
            return try Data(contentsOf: url).range(of: needle) != nil
        }
    }
}
