import Foundation
import StrataTestSupport
import Testing

/// The algorithm layers stay pure (DESIGN.md's module ladder): the recommender and the evaluation
/// import neither the pipeline nor the store nor SQLite, so they run on any data a caller hands them;
/// the LLM client sits below the store and the pipeline, which hand it its cache.
@Suite struct ModuleLadderTests {
    static let forbidden = ["StrataPipeline", "StrataStore", "StrataServer", "GRDB", "GRDBSQLite"]

    @Test(arguments: ["StrataRecommend", "StrataEvaluation", "StrataCluster", "StrataCore", "StrataLLM"])
    func algorithmLayersImportNoStoreOrPipeline(_ target: String) throws {
        let folder = RepositoryPaths.root.appendingPathComponent("Sources/\(target)")
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        for file in files {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in source.split(separator: "\n")
            where line.hasPrefix("import ") || line.hasPrefix("@testable import ") {
                let module = line.split(separator: " ").last.map(String.init) ?? ""
                #expect(!Self.forbidden.contains(module), "\(target)/\(file) imports \(module)")
            }
        }
    }
}
