import StrataRecommend

/// An error a command reports to the user as a single clear line.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension CommandError {
    /// A recommender's error with what to do about it on the command line.
    init(_ error: RecommendError) {
        switch error {
        case .unknownUser: self.init("\(error) (give --text to recommend from a description instead)")
        case .noInteractions:
            self.init(
                "\(error): import some first, e.g. `strata import movielens DIR --db FILE` or `strata import events FILE --db FILE`"
            )
        default: self.init(error.description)
        }
    }
}
