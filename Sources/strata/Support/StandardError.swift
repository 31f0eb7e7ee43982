import Foundation

/// Writes to standard error after flushing standard output, so a log or progress line never lands in the
/// middle of a line `print` left in stdout's buffer (piped output is flushed a block at a time, not a line).
enum StandardError {
    static func write(_ text: String) {
        fflush(nil)  // every output stream, stdout among them
        FileHandle.standardError.write(Data(text.utf8))
    }
}
