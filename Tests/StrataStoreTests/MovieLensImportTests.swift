import Foundation
import StrataCore
import StrataImport
import StrataTestSupport
import Testing

@Suite struct MovieLensImportTests {
    @Test(arguments: Backend.allCases) func latestLayout(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.file(
            "ml-latest-small/movies.csv",
            """
            movieId,title,genres
            1,Toy Story (1995),Adventure|Animation|Children
            11,"American President, The (1995)",Comedy|Drama|Romance
            99,Untitled Thing,(no genres listed)

            """)
        try fixtures.file(
            "ml-latest-small/ratings.csv",
            "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,11,3.5,964981247\n2,1,5.0,964982224\n")
        try fixtures.file(
            "ml-latest-small/tags.csv",
            "userId,movieId,tag,timestamp\n2,1,funny,1445714994\n2,1,\"pixar, classic\",1445714994\n")
        let folder = fixtures.folder.appendingPathComponent("ml-latest-small")
        #expect(Importer.movieLensLayout(of: folder) == .latest)

        let summary = try Importer.importMovieLens(from: folder, into: fixtures.store)
        #expect(summary.events == ["rating": 3, "tag": 2] && summary.items == 3 && summary.users == 2)
        #expect(
            try fixtures.store.item(id: "11")
                == Item(
                    id: "11", title: "American President, The",
                    categories: ["Comedy", "Drama", "Romance"], attributes: ["year": "1995"]))
        #expect(try fixtures.store.item(id: "99") == Item(id: "99", title: "Untitled Thing"))
        #expect(
            try fixtures.store.events(ofUser: "2") == [
                Event(userID: "2", itemID: "1", type: .rating, timestamp: 964_982_224, value: 5),
                Event(userID: "2", itemID: "1", type: .tag, timestamp: 1_445_714_994, text: "funny"),
                Event(userID: "2", itemID: "1", type: .tag, timestamp: 1_445_714_994, text: "pixar, classic")
            ])
        let again = try Importer.importMovieLens(from: folder, into: fixtures.store)
        #expect(again.inserted == 0 && again.duplicates == 8)
    }

    @Test(arguments: Backend.allCases) func hundredKLayout(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let flags = { (on: Set<Int>) in (0 ..< 19).map { on.contains($0) ? "1" : "0" }.joined(separator: "|") }
        var item = Data(
            "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|\(flags([3, 4, 5]))\n"
                .utf8)
        item.append(Data("2|Se".utf8) + Data([0xF1]) + Data("or (1996)|01-Jan-1996|||\(flags([0]))\n".utf8))
        try fixtures.file("ml-100k/u.item", item)
        try fixtures.file("ml-100k/u.user", "1|24|M|technician|85711\n2|53|F|other|94043\n")
        try fixtures.file("ml-100k/u.data", "1\t1\t5\t874965758\n2\t2\t3\t876893171\n1\t2\t1\t878542960\n")
        let folder = fixtures.folder.appendingPathComponent("ml-100k")
        #expect(Importer.movieLensLayout(of: folder) == .hundredK)

        let summary = try Importer.importMovieLens(from: folder, into: fixtures.store)
        #expect(summary.events == ["rating": 3] && summary.items == 2 && summary.users == 2)
        #expect(
            try fixtures.store.item(id: "1")
                == Item(
                    id: "1", title: "Toy Story",
                    categories: ["Animation", "Children's", "Comedy"],
                    attributes: [
                        "year": "1995", "release_date": "01-Jan-1995",
                        "imdb_url": "http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)"
                    ]))
        #expect(try fixtures.store.item(id: "2")?.title == "Señor")
        #expect(try fixtures.store.item(id: "2")?.categories == [])
        #expect(
            try fixtures.store.user(id: "2")
                == User(id: "2", attributes: ["age": "53", "gender": "F", "occupation": "other", "zip": "94043"]))
        #expect(try fixtures.store.events(ofUser: "1").map(\.value) == [5, 1])
    }

    @Test(arguments: Backend.allCases) func badRatingNamesFileLineAndField(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.file("ml/movies.csv", "movieId,title,genres\n1,A (2000),Drama\n")
        try fixtures.file("ml/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,1,great,964982704\n")
        let error = try #require(throws: ImportError.self) {
            try Importer.importMovieLens(from: fixtures.folder.appendingPathComponent("ml"), into: fixtures.store)
        }
        #expect(error.description == "ratings.csv:3: field 'rating': expected a number, found \"great\"")
        #expect(try fixtures.store.stats().items == 0)
    }

    @Test(arguments: Backend.allCases) func notAMovieLensFolder(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        try fixtures.file("x/readme.txt", "hi")
        #expect(throws: ImportError.self) {
            try Importer.importMovieLens(from: fixtures.folder.appendingPathComponent("x"), into: fixtures.store)
        }
    }

    /// The real ml-latest-small, when `../shared/data` has it (it may not be redistributed).
    static let realData = RepositoryPaths.shared.appendingPathComponent("data/ml-latest-small")

    @Test(
        .enabled(if: FileManager.default.fileExists(atPath: realData.appendingPathComponent("ratings.csv").path)),
        arguments: Backend.allCases)
    func realMLLatestSmallCounts(backend: Backend) throws {
        let fixtures = try Fixtures(backend)
        let summary = try Importer.importMovieLens(from: Self.realData, into: fixtures.store)
        #expect(summary.events == ["rating": 100_836, "tag": 3_683])
        #expect(summary.items == 9_742 && summary.users == 610 && summary.rejected == 0)
        let stats = try fixtures.store.stats()
        #expect(stats.users == 610 && stats.items == 9_742 && stats.events == 104_519)
    }
}
