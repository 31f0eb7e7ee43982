/// Where a long stage reports how far it is (a terminal progress bar in the CLI, nothing in tests).
public protocol ProgressReporter: Sendable {
    /// `done` units of the stage's total are finished.
    func update(_ done: Int)
    /// The stage is over.
    func finish()
}

/// Reports nothing.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func update(_ done: Int) {}
    public func finish() {}
}
