import Foundation
import StrataTestSupport
import Testing

@testable import StrataEmbedding

/// The model is found from any working directory: explicit folder, `STRATA_MODEL_DIR`, the user's
/// data folder, beside the executable, then `./models`; the error lists every folder searched.
@Suite struct ModelLocatorTests {
    let root: URL
    init() throws { root = try RepositoryPaths.temporaryFolder() }

    /// A folder holding a `config.json`, as a model folder does.
    func makeModel(at folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: folder.appendingPathComponent("config.json"))
    }

    func locator(_ environment: [String: String]) -> ModelLocator {
        ModelLocator(
            environment: environment, executable: root.appendingPathComponent("bin/strata"),
            currentDirectory: root.appendingPathComponent("elsewhere"))
    }

    @Test func theDataFolderIsSearchedBeforeTheExecutableAndTheWorkingDirectory() throws {
        let data = root.appendingPathComponent("data/strata/models/all-MiniLM-L6-v2")
        try makeModel(at: data)
        try makeModel(at: root.appendingPathComponent("bin/models/all-MiniLM-L6-v2"))
        #expect(
            try locator(["XDG_DATA_HOME": root.appendingPathComponent("data").path]).modelDirectory().path == data.path)
    }

    @Test func homeStandsInForAnUnsetDataFolderAndTheExecutablesFolderComesNext() throws {
        let beside = root.appendingPathComponent("bin/models/all-MiniLM-L6-v2")
        try makeModel(at: beside)
        #expect(try locator(["HOME": root.appendingPathComponent("home").path]).modelDirectory().path == beside.path)
        try makeModel(at: root.appendingPathComponent("home/.local/share/strata/models/all-MiniLM-L6-v2"))
        #expect(
            try locator(["HOME": root.appendingPathComponent("home").path]).modelDirectory().path.hasSuffix(
                "home/.local/share/strata/models/all-MiniLM-L6-v2"))
    }

    @Test func anExecutableBuiltInACheckoutFindsTheCheckoutsModels() throws {
        let checkout = root.appendingPathComponent("checkout/models/all-MiniLM-L6-v2")
        try makeModel(at: checkout)
        let built = ModelLocator(
            environment: [:],
            executable: root.appendingPathComponent("checkout/.build/x86_64-unknown-linux-gnu/release/strata"),
            currentDirectory: root.appendingPathComponent("elsewhere"))
        #expect(try built.modelDirectory().path == checkout.path)
    }

    @Test func anExplicitFolderOrTheEnvironmentWins() throws {
        try makeModel(at: root.appendingPathComponent("bin/models/all-MiniLM-L6-v2"))
        let chosen = locator(["STRATA_MODEL_DIR": "/opt/models/e5"])
        #expect(chosen.candidates.map(\.path) == ["/opt/models/e5"])
        #expect(try locator([:]).modelDirectory(explicit: "m").path == root.appendingPathComponent("elsewhere/m").path)
    }

    @Test func anInstalledModelIsFoundByNameAndAnE5FileMakesAModelFolder() throws {
        let data = root.appendingPathComponent("data/strata/models/multilingual-e5-small")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data().write(to: data.appendingPathComponent(E5ModelFile.fileName))
        let environment = ["XDG_DATA_HOME": root.appendingPathComponent("data").path, "STRATA_MODEL_DIR": "/opt/other"]
        #expect(try locator(environment).modelDirectory(explicit: "multilingual-e5-small").path == data.path)
        #expect(
            try locator(["XDG_DATA_HOME": root.appendingPathComponent("data").path]).modelDirectory(
                name: "multilingual-e5-small"
            ).path == data.path)
        let error = #expect(throws: ModelError.self) { try locator([:]).modelDirectory(name: "multilingual-e5-small") }
        #expect(try #require(error).description.hasPrefix("no multilingual-e5-small model found"))
    }

    @Test func theErrorListsEveryFolderSearched() throws {
        let error = #expect(throws: ModelError.self) { try locator(["HOME": "/home/someone"]).modelDirectory() }
        let message = try #require(error).description
        #expect(message.contains("/home/someone/.local/share/strata/models/all-MiniLM-L6-v2"))
        #expect(message.contains(root.appendingPathComponent("bin/models/all-MiniLM-L6-v2").path))
        #expect(message.contains(root.appendingPathComponent("elsewhere/models/all-MiniLM-L6-v2").path))
        #expect(message.contains("scripts/setup") && message.contains("STRATA_MODEL_DIR"))
    }
}
