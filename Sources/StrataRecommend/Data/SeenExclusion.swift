/// Which of a user's items are never recommended back to them.
public enum SeenExclusion: String, Sendable, CaseIterable {
    /// Everything they interacted with (the default).
    case interacted
    /// What they bought: for shops where people come back for what they viewed, liked or carted.
    case purchased
    /// Nothing: for repeat-purchase catalogs (groceries, consumables).
    case none
}
