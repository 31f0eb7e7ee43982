import Foundation
import StrataCore
import Testing

@testable import StrataPipeline

/// `strata profile --all-users --format jsonl`: one user's layers a line, with the layers' weight spread
/// over the catalog's categories.
@Suite struct ProfileLineTests {
    let profile = UserProfile(
        user: "u1",
        surface: InterestLayer(
            interests: [
                Interest(label: "Space", weight: 0.75, evidence: ["a", "b"], topic: 3),
                Interest(label: "coffee", weight: 0.25, evidence: ["c"]),
                Interest(label: "disliked", weight: -0.2, evidence: ["a"], topic: 4)
            ], vector: [1, 0]),
        middle: InterestLayer(interests: [Interest(label: "Untagged", weight: 1, evidence: ["z"])], vector: [0, 1]),
        deep: InterestLayer(interests: [], vector: [0, 0]), referenceTime: 0, eventCount: 3)
    let categories = ["a": ["Movies>Sci-Fi"], "b": ["Movies>Sci-Fi", "Books>Space"], "c": ["Kitchen>Coffee"]]

    @Test func categorySharesSpreadEachInterestOverItsItemsAndTheirLeaves() throws {
        // Space 0.75 over a and b: a 0.375 → Sci-Fi; b 0.375 → Sci-Fi 0.1875, Space 0.1875; coffee 0.25 → Coffee.
        // The negative interest counts nothing; the shares already sum to 1.
        let line = ProfileLine(profile, categories: categories)
        let surface = try #require(line.layers["surface"]?.categories)
        #expect(surface.count == 3)
        #expect(abs(surface["Sci-Fi"]! - 0.5625) < 1e-12)
        #expect(abs(surface["Space"]! - 0.1875) < 1e-12)
        #expect(abs(surface["Coffee"]! - 0.25) < 1e-12)
        #expect(line.layers["middle"]?.categories == nil, "z has no category")
        #expect(line.layers["deep"]?.interests.isEmpty == true)
    }

    @Test func theLineIsTheDocumentedJSON() throws {
        let json = JSONOutput.string(ProfileLine(profile, categories: [:]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["user_id"] as? String == "u1")
        let layers = try #require(object["layers"] as? [String: [String: Any]])
        #expect(Set(layers.keys) == ["surface", "middle", "deep"])
        let first = try #require((layers["surface"]?["interests"] as? [[String: Any]])?.first)
        #expect(first["topic"] as? Int == 3 && first["label"] as? String == "Space")
        #expect(first["weight"] as? Double == 0.75 && first["evidence"] as? [String] == ["a", "b"])
        #expect(!json.contains("\n"), "one line")
    }
}
