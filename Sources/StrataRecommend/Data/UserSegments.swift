import StrataCore

extension Popularity {
    /// The hard segment of every user in the model `fit` returns, as segment popularity needs them;
    /// none when too few users have the layer to segment (popularity is then everyone's).
    public static func userSegments(_ fit: () throws -> SegmentModel) throws -> [String: Int] {
        do {
            return try fit().memberships.mapValues(\.segment)
        } catch let error as SegmentError {
            guard case .tooFewUsers = error else { throw error }
            return [:]
        }
    }
}
