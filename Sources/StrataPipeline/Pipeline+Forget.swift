import Foundation
import StrataRecommend

extension Pipeline {
    /// Deletes `user` completely: their events, profile, attributes and segment memberships (the
    /// store's `deleteUser`, which also overwrites what it freed), and the recommender fits kept by
    /// `fitKeeper`, fitted on their interactions among others (the next fit reads the data without
    /// them). `false` when the store did not hold the user.
    public func forget(user: String) throws -> Bool {
        guard try store.deleteUser(user) else { return false }
        fitCache?.removeAll()
        log("forgot user \(user): events, profile, segment memberships and kept recommender fits deleted")
        return true
    }
}
