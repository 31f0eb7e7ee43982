import Foundation
import StrataCore
import StrataStore

/// MovieLens, read natively from a release folder. The whole folder is one transaction.
extension Importer {
    /// The MovieLens release layouts Strata reads.
    public enum MovieLensLayout: String, Sendable {
        /// `ml-latest` and `ml-latest-small`: `movies.csv`, `ratings.csv`, `tags.csv` (optional).
        case latest
        /// `ml-100k`: `u.item` (latin-1, `|`-separated), `u.data` (tab-separated), `u.user`.
        case hundredK = "100k"
    }

    /// The layout of the release in `directory`, told by the files in it.
    public static func movieLensLayout(of directory: URL) -> MovieLensLayout? {
        func has(_ name: String) -> Bool {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
        }
        if has("movies.csv") && has("ratings.csv") { return .latest }
        if has("u.item") && has("u.data") { return .hundredK }
        return nil
    }

    /// Imports the movies as items (genres as categories, the title's year as attribute `year`),
    /// the users (ml-100k's `u.user`: age, gender, occupation, zip), ratings as `rating` events with
    /// their value and tags as `tag` events with their text.
    public static func importMovieLens(
        from directory: URL, into store: any Store,
        options: ImportOptions = ImportOptions()
    ) throws -> ImportSummary {
        guard let layout = movieLensLayout(of: directory) else {
            throw ImportError(
                file: directory.lastPathComponent, line: 0, field: nil,
                message:
                    "expected a MovieLens folder with movies.csv and ratings.csv (ml-latest) or u.item and u.data (ml-100k)"
            )
        }
        let file = { (name: String) in directory.appendingPathComponent(name) }
        return try run(into: store, options: options) { writer, run in
            let movieLens = MovieLensReader(writer: writer, run: run, options: options)
            switch layout {
            case .latest:
                try movieLens.latestMovies(file("movies.csv"))
                try movieLens.latestEvents(file("ratings.csv"), type: .rating)
                if FileManager.default.fileExists(atPath: file("tags.csv").path) {
                    try movieLens.latestEvents(file("tags.csv"), type: .tag)
                }
            case .hundredK:
                try movieLens.hundredKMovies(file("u.item"))
                if FileManager.default.fileExists(atPath: file("u.user").path) {
                    try movieLens.hundredKUsers(file("u.user"))
                }
                try movieLens.hundredKRatings(file("u.data"))
            }
        }
    }
}

/// The per-file readers of the MovieLens layouts.
private struct MovieLensReader {
    let writer: any StoreWriter
    let run: ImportRun
    let options: ImportOptions

    func latestMovies(_ url: URL) throws {
        try forEachRecord(url, header: ["movieId", "title", "genres"]) { fields, parse in
            let (title, year) = MovieLensReader.splitYear(fields[1])
            let genres = fields[2] == "(no genres listed)" ? [] : fields[2].split(separator: "|").map(String.init)
            let item = Item(
                id: try parse.id(fields[0], field: "movieId"), title: title, categories: genres,
                attributes: year.map { ["year": $0] } ?? [:])
            return try Importer.upserted(writer.upsert(item), run: run, items: true)
        }
    }

    /// `ratings.csv` (`userId,movieId,rating,timestamp`) or `tags.csv` (`userId,movieId,tag,timestamp`).
    func latestEvents(_ url: URL, type: EventType) throws {
        let third = type == .rating ? "rating" : "tag"
        try forEachRecord(url, header: ["userId", "movieId", third, "timestamp"]) { fields, parse in
            let event = Event(
                userID: try parse.id(fields[0], field: "userId"),
                itemID: try parse.id(fields[1], field: "movieId"),
                type: type,
                timestamp: try parse.timestamp(fields[3], field: "timestamp"),
                value: type == .rating ? try rating(fields[2], parse) : nil,
                text: type == .tag ? try parse.id(fields[2], field: "tag") : nil)
            return try Importer.storeEvent(
                event, writer: writer, run: run, options: options, fields: parse,
                itemField: "movieId")
        }
    }

    /// `u.item`: id | title | release date | video release date | IMDb URL | 19 genre flags.
    func hundredKMovies(_ url: URL) throws {
        try forEachRecord(url, fieldCount: 24, delimiter: "|", encoding: .latin1) { fields, parse in
            let (title, year) = MovieLensReader.splitYear(fields[1])
            var genres: [String] = []
            for (flag, genre) in zip(fields[5...], MovieLensReader.hundredKGenres) where genre != "unknown" {
                guard flag == "0" || flag == "1" else {
                    throw parse.problem(genre, "expected a genre flag 0 or 1, found \"\(flag)\"")
                }
                if flag == "1" { genres.append(genre) }
            }
            var attributes: [String: String] = [:]
            attributes["year"] = year
            if !fields[2].isEmpty { attributes["release_date"] = fields[2] }
            if !fields[4].isEmpty { attributes["imdb_url"] = fields[4] }
            let item = Item(
                id: try parse.id(fields[0], field: "movie id"), title: title, categories: genres,
                attributes: attributes)
            return try Importer.upserted(writer.upsert(item), run: run, items: true)
        }
    }

    /// `u.user`: user id | age | gender | occupation | zip code.
    func hundredKUsers(_ url: URL) throws {
        try forEachRecord(url, fieldCount: 5, delimiter: "|") { fields, parse in
            let names = ["age", "gender", "occupation", "zip"]
            var attributes: [String: String] = [:]
            for (name, value) in zip(names, fields[1...]) where !value.isEmpty { attributes[name] = value }
            let user = User(id: try parse.id(fields[0], field: "user id"), attributes: attributes)
            return try Importer.storeUser(user, writer: writer, run: run, options: options)
        }
    }

    /// `u.data`: user id \t item id \t rating \t timestamp.
    func hundredKRatings(_ url: URL) throws {
        try forEachRecord(url, fieldCount: 4, delimiter: "\t") { fields, parse in
            let event = Event(
                userID: try parse.id(fields[0], field: "user id"),
                itemID: try parse.id(fields[1], field: "item id"),
                type: .rating,
                timestamp: try parse.timestamp(fields[3], field: "timestamp"),
                value: try rating(fields[2], parse))
            return try Importer.storeEvent(
                event, writer: writer, run: run, options: options, fields: parse,
                itemField: "item id")
        }
    }

    private func rating(_ text: String, _ parse: FieldParser) throws -> Double {
        guard let value = try parse.number(text, field: "rating") else {
            throw parse.problem("rating", "expected a number, found nothing")
        }
        return value
    }

    /// Reads a CSV file whose first line must be `header`.
    private func forEachRecord(
        _ url: URL, header: [String],
        _ body: ([String], FieldParser) throws -> RecordOutcome
    ) throws {
        try run.forEachRecord(url, fieldCount: header.count, delimiter: ",", header: header, body)
    }

    private func forEachRecord(
        _ url: URL, fieldCount: Int, delimiter: Character, encoding: TextEncoding = .utf8,
        _ body: ([String], FieldParser) throws -> RecordOutcome
    ) throws {
        try run.forEachRecord(url, fieldCount: fieldCount, delimiter: delimiter, encoding: encoding, body)
    }

    /// `Toy Story (1995)` → (`Toy Story`, `1995`); titles without a trailing year stay whole.
    static func splitYear(_ title: String) -> (String, String?) {
        let bytes = Array(title.utf8)
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let digits = (end - 5) ..< (end - 1)
        guard end >= 7, bytes[end - 1] == UInt8(ascii: ")"), bytes[end - 6] == UInt8(ascii: "("),
            bytes[digits].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return (String(decoding: bytes[..<end], as: UTF8.self), nil) }
        var nameEnd = end - 6
        while nameEnd > 0, bytes[nameEnd - 1] == UInt8(ascii: " ") { nameEnd -= 1 }
        guard nameEnd > 0 else { return (String(decoding: bytes[..<end], as: UTF8.self), nil) }
        return (String(decoding: bytes[..<nameEnd], as: UTF8.self), String(decoding: bytes[digits], as: UTF8.self))
    }

    static let hundredKGenres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
        "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"
    ]
}
