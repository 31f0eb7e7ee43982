/// Polls `check` every `interval` until it returns a value, and returns it; `nil` when `limit` passes first.
///
/// The limit guards against a hang, it does not check speed: on a busy 2-core machine a background refit
/// or a server's start can take minutes, and a test must not fail for that.
public func eventually<T>(
    within limit: Duration = .seconds(600), every interval: Duration = .milliseconds(50),
    _ check: () async throws -> T?
) async rethrows -> T? {
    let deadline = ContinuousClock.now + limit
    while true {
        if let value = try await check() { return value }
        guard ContinuousClock.now < deadline else { return nil }
        try? await Task.sleep(for: interval)
    }
}
