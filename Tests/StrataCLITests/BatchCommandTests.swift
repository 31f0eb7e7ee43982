import Foundation
import StrataTestSupport
import Testing

/// `strata export-model` and `strata batch`: for the users of a store, batch gives exactly the lists of
/// `recommend --all-users` and the layers of `profile --all-users --format jsonl`; bad lines are rejected with
/// their line number and field while the other users still come out.
@Suite(.serialized) struct BatchCommandTests {
    /// A store of the bundled sample's items and the events of its users u1…u150, exported to `model`, and
    /// those users' histories as batch input lines (keyed by user).
    final class ExportedSample {
        let folder: URL
        let db: String
        let model: String
        let lines: [String: String]

        init() async throws {
            folder = try RepositoryPaths.temporaryFolder()
            let sample = RepositoryPaths.root.appendingPathComponent("sample")
            db = folder.appendingPathComponent("s.sqlite").path
            model = folder.appendingPathComponent("model").path
            let rows = try String(contentsOf: sample.appendingPathComponent("events.csv"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            let kept = rows.dropFirst().filter { Int($0.prefix { $0 != "," }.dropFirst()) ?? .max <= 150 }
            let events = folder.appendingPathComponent("events.csv")
            try ([rows[0]] + kept).joined(separator: "\n").appending("\n").write(
                to: events, atomically: true, encoding: .utf8)
            var histories = [String: [[String: Any]]]()
            for row in kept {  // user_id,item_id,event,timestamp,value,text
                let f = Self.fields(row)
                var event: [String: Any] = ["item_id": f[1], "event": f[2], "timestamp": Int(f[3])!]
                if !f[4].isEmpty { event["value"] = Double(f[4])! }
                if f.count > 5, !f[5].isEmpty { event["text"] = f[5] }
                histories[f[0], default: []].append(event)
            }
            lines = try histories.mapValues { events in
                String(
                    decoding: try JSONSerialization.data(withJSONObject: ["user_id": "", "events": events]),
                    as: UTF8.self)
            }.reduce(into: [:]) { lines, entry in
                lines[entry.key] = entry.value.replacingOccurrences(
                    of: #""user_id":"""#, with: #""user_id":"\#(entry.key)""#)
            }
            for (kind, file) in [("items", sample.appendingPathComponent("items.csv")), ("events", events)] {
                let imported = try await RepositoryPaths.runStrata(["import", kind, file.path, "--db", db])
                #expect(imported.status == 0, "\(imported.error)")
            }
            let exported = try await RepositoryPaths.runStrata([
                "export-model", "--db", db, "--output", model, "--no-tune"
            ])
            #expect(exported.status == 0, "\(exported.error)")
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// The fields of one CSV line (quoted fields may hold commas and doubled quotes; the sample's do).
        static func fields(_ line: String) -> [String] {
            var (fields, field, quoted, previous) = ([String](), "", false, Character(" "))
            for character in line {
                switch character {
                case "\"" where quoted: quoted = false
                case "\"":
                    if previous == "\"" { field.append("\"") }
                    quoted = true
                case "," where !quoted:
                    fields.append(field)
                    field = ""
                default: field.append(character)
                }
                previous = character
            }
            return fields + [field]
        }

        /// `strata batch` over `lines` written to a file; the result and the output lines parsed.
        func batch(_ lines: [String], k: Int = 10) async throws -> (ProcessResult, [[String: Any]]) {
            let input = folder.appendingPathComponent("in-\(UUID().uuidString).jsonl")
            try lines.joined(separator: "\n").appending("\n").write(to: input, atomically: true, encoding: .utf8)
            let run = try await RepositoryPaths.runStrata([
                "batch", "--model", model, "-k", "\(k)", "--input", input.path
            ])
            let parsed = try run.output.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            return (run, parsed)
        }
    }

    @Test func batchEqualsRecommendAndProfileForEveryUser() async throws {
        let sample = try await ExportedSample()
        let (run, lines) = try await sample.batch(sample.lines.keys.sorted().map { sample.lines[$0]! })
        #expect(run.status == 0, "\(run.error)")
        #expect(lines.count == sample.lines.count)
        let byUser = Dictionary(lines.map { ($0["user_id"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })

        let recommended = try await RepositoryPaths.runStrata([
            "recommend", "--db", sample.db, "--all-users", "--json", "-k", "10", "--no-tune"
        ])
        #expect(recommended.status == 0, "\(recommended.error)")
        let everyUser = try #require(
            try JSONSerialization.jsonObject(with: Data(recommended.output.utf8)) as? [String: Any])
        let users = try #require(everyUser["users"] as? [[String: Any]])
        #expect(users.count == sample.lines.count)
        for user in users {
            let id = try #require(user["user"] as? String)
            let line = try #require(byUser[id], "user \(id) missing from the batch output")
            let expected = user["items"] as? [[String: Any]] ?? []
            let got = line["recommendations"] as? [[String: Any]] ?? []
            #expect(got.map { $0["item_id"] as? String } == expected.map { $0["item_id"] as? String }, "user \(id)")
            // Scores agree to float rounding: the content generator scores a block of users in one sgemm, whose
            // rounding depends on a user's row in the block (recommend's blocks are not batch's).
            for (a, b) in zip(got, expected) {
                let (x, y) = ((a["score"] as? Double) ?? .nan, (b["score"] as? Double) ?? .nan)
                #expect(abs(x - y) <= 1e-5 * max(1, abs(y)), "user \(id): score \(x) against \(y)")
            }
            #expect(line["segment"] as? Int == user["segment"] as? Int, "user \(id)'s segment")
        }

        let profiles = try await RepositoryPaths.runStrata(["profile", "--db", sample.db, "--all-users"])
        #expect(profiles.status == 0, "\(profiles.error)")
        let profileLines = profiles.output.split(separator: "\n")
        #expect(profileLines.count == sample.lines.count)
        for text in profileLines {
            let profile = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
            let id = try #require(profile["user_id"] as? String)
            let layers = try #require(byUser[id]?["layers"] as? NSDictionary)
            #expect(layers == profile["layers"] as? NSDictionary, "user \(id)'s layers")
        }
    }

    @Test func badLinesAreRejectedWithTheirLineAndFieldAndTheRestComeOut() async throws {
        let sample = try await ExportedSample()
        let users = sample.lines.keys.sorted()
        let (first, second) = (sample.lines[users[0]]!, sample.lines[users[1]]!)
        let (run, lines) = try await sample.batch([
            first,
            "not json at all",
            #"{"user_id": "x1", "events": [{"item_id": "i001", "event": "view", "timestamp": 1}, {"item_id": "nope", "event": "view", "timestamp": 2}]}"#,
            #"{"user_id": "x2", "events": [{"item_id": "i001", "event": "teleport", "timestamp": 1}]}"#,
            "",
            second,
            #"{"user_id": "x3", "events": [{"item_id": "i002", "event": "purchase", "timestamp": "2024-01-05T10:00:00Z"}]}"#
        ])
        #expect(run.status == 3, "exit status 3 says some lines were rejected: \(run.status)")
        #expect(lines.map { $0["user_id"] as? String } == [users[0], users[1], "x3"])
        #expect(run.error.contains(":2: expected one JSON object on the line"), "\(run.error)")
        #expect(run.error.contains(#":3: field 'events[1].item_id': unknown item "nope""#), "\(run.error)")
        #expect(run.error.contains(":4: field 'events[0].event': expected an event type"), "\(run.error)")
        #expect(run.error.contains("3 users written, 3 rejected"), "\(run.error)")
        // A newcomer gets layers, a segment by their profile and a full list.
        #expect((lines[2]["recommendations"] as? [Any])?.count == 10)

        let clean = try await sample.batch([first])
        #expect(clean.0.status == 0)
        let missing = try await RepositoryPaths.runStrata(["batch", "--model", sample.folder.path])
        #expect(missing.status == 1 && missing.error.contains("is not an exported model"), "\(missing.error)")
    }
}
