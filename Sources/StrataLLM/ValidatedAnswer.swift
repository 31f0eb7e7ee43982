import Foundation
import StrataText

extension ChatClient {
    /// The key of the cached record that says a prompt's answers were rejected.
    static let rejectedKey = "strata_rejected"

    /// The validated answer to `request`: from `cache` when stored, else asked (twice at most, the second
    /// time told why the first answer was rejected). Two rejected answers are cached too (the same model
    /// gives the same answers to the same prompt at temperature 0), so a second run does not ask again;
    /// an endpoint that failed to answer is asked again next time.
    func validatedAnswer<T>(
        _ request: ChatRequest, cache: any AnswerCache, validate: (String) throws -> T
    ) async throws -> T {
        let key = request.cacheKey(model: configuration.model)
        if let cached = try? cache.answer(key) {
            usage.record { $0.cached += 1 }
            if let reason = (try? JSONValue.parse(Data(cached.utf8)))?[Self.rejectedKey]?.stringValue {
                throw NamingError("rejected before: \(reason)")
            }
            return try validate(cached)
        }
        var rejection: NamingError?
        for attempt in 0 ..< 2 {
            var asked = request
            if attempt > 0, let rejection {
                asked.user += "\nYour previous answer was rejected: \(rejection.reason). Answer again."
            }
            let answer = try await complete(asked)
            do {
                let value = try validate(answer)
                try? cache.save(answer, for: key)
                return value
            } catch let error as NamingError {
                rejection = error
            }
        }
        let reason = rejection?.reason ?? "no answer"
        if let marker = try? JSONEncoder().encode([Self.rejectedKey: reason]) {
            try? cache.save(String(decoding: marker, as: UTF8.self), for: key)
        }
        throw NamingError(reason)
    }
}
