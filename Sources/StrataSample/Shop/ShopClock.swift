/// The period a shop-shaped log covers: January to June 2024 in Unix seconds, the last four weeks
/// being where recent interests show.
enum ShopClock {
    static let day: Int64 = 86_400
    static let start: Int64 = 1_704_067_200  // 2024-01-01T00:00:00Z
    static let end = start + 182 * day  // 2024-07-01
    static let span = end - start
    static let recentStart = end - 28 * day
}
