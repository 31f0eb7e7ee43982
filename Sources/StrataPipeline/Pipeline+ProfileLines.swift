import StrataCore
import StrataStore

extension Pipeline {
    /// Hands each user's stored profile as a `ProfileLine` to `body`, one at a time in the store's order
    /// (`ensureProfiles` first brings them up to date): memory holds one profile and the catalog's categories, however many users
    /// there are. Returns how many lines there were.
    @discardableResult
    public func forEachProfileLine(_ body: (ProfileLine) throws -> Void) throws -> Int {
        let categories = Dictionary(try store.items().map { ($0.id, $0.categories) }, uniquingKeysWith: { a, _ in a })
        var count = 0
        try store.forEachProfile { profile in
            try body(ProfileLine(profile, categories: categories))
            count += 1
        }
        return count
    }
}
