import Foundation

/// Refuses work whose memory would not fit the machine, before allocating it, with a message that
/// names what it would need and what to do instead.
enum MemoryBudget {
    /// The share of physical memory one allocation may take.
    static let share = 0.6

    /// Throws `RecommendError.tooLarge` when `bytes` exceed `share` of physical memory.
    static func check(bytes: Double, for work: String, alternative: String) throws {
        let limit = share * Double(ProcessInfo.processInfo.physicalMemory)
        guard bytes <= limit else {
            throw RecommendError.tooLarge(work: work, needs: bytes, limit: limit, alternative: alternative)
        }
    }
}
