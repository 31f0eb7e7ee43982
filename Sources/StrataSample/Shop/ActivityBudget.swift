import Foundation
import StrataMath

/// How many events each user gets, one user at a time: heavy-tailed (a floor plus a log-normal
/// part, capped at 100× the mean) and steered so the total is exactly the events asked for —
/// each user's draw scales the mean of what is left, and every user still to come keeps at least one.
struct ActivityBudget: Sendable {
    private(set) var usersLeft: Int
    private(set) var eventsLeft: Int

    /// The log-normal's σ: the larger, the heavier the tail.
    static let sigma = 1.2
    /// The floor, as a fraction of the mean, so that even light users show their interests.
    static let floor = 0.2

    init(users: Int, events: Int) {
        usersLeft = users
        eventsLeft = events
    }

    /// The next user's number of events (at least 1).
    mutating func next(_ random: inout SeededRandom) -> Int {
        precondition(usersLeft > 0)
        let sigma = Self.sigma
        let logNormal = exp(sigma * random.nextGaussian() - sigma * sigma / 2)  // mean 1
        let weight = min(100, Self.floor + (1 - Self.floor) * logNormal)
        let mean = Double(eventsLeft) / Double(usersLeft)
        var count = usersLeft == 1 ? eventsLeft : Int((weight * mean).rounded())
        count = min(max(1, count), eventsLeft - (usersLeft - 1))
        usersLeft -= 1
        eventsLeft -= count
        return count
    }
}
