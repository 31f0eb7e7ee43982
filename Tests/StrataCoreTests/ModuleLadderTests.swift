import Foundation
import StrataTestSupport
import Testing

/// DESIGN.md's module ladder, checked against the code: every target lists in Package.swift each module
/// it imports (SwiftPM lets a target import anything in its dependency closure, so an undeclared import
/// builds until the chain that leaked it changes), and every import under Sources points down the
/// ladder. The files' imports are read as text, so the test covers every target, with no list of names
/// to keep up beyond the ladder itself.
@Suite struct ModuleLadderTests {
    /// The targets under Sources, lowest first: each may import only targets before it.
    static let ladder = [
        "CBLAS", "CKernels", "StrataMath", "StrataText", "StrataEmbedding", "StrataCluster", "StrataCore",
        "StrataSample", "StrataLLM", "StrataStore", "StrataPrivacy", "StrataImport", "StrataSQLite",
        "StrataPostgres", "StrataBackends", "StrataRecommend", "StrataEvaluation", "StrataPipeline", "StrataWire",
        "StrataServer", "strata"
    ]

    /// Modules of the toolchain and the platform: they need no declaration.
    static let platformModules: Set<String> = [
        "Swift", "_Concurrency", "_StringProcessing", "Foundation", "FoundationEssentials",
        "FoundationNetworking", "FoundationXML", "Dispatch", "Synchronization", "Observation", "RegexBuilder",
        "Testing", "XCTest", "Glibc", "Musl", "Darwin", "os"
    ]

    /// The algorithm layers stay pure: they run on whatever data a caller hands them, never on a store.
    static let pureLayers = ["StrataCluster", "StrataCore", "StrataLLM", "StrataRecommend", "StrataEvaluation"]
    /// The one thing of the store layer an algorithm layer sees: the recommender's generators keep their fits
    /// between runs in a `FitCache`, imported by name (`import struct StrataStore.FitCache`) and nothing else.
    static let keptFits = (layer: "StrataRecommend", module: "StrataStore", declaration: "FitCache")
    static let storeModules: Set<String> = [
        "StrataStore", "StrataPrivacy", "StrataImport", "StrataSQLite", "StrataPostgres", "StrataBackends", "GRDB",
        "GRDBSQLite", "PostgresNIO"
    ]
    /// Each backend's library and the one target under Sources that declares it.
    static let backendModules = ["GRDB": "StrataSQLite", "GRDBSQLite": "StrataSQLite", "PostgresNIO": "StrataPostgres"]

    // MARK: - The checks

    @Test func ladderNamesEveryTargetUnderSources() throws {
        let manifest = try Self.manifest()
        let sourceTargets = Set(manifest.filter { $0.value.folder.hasPrefix("Sources/") }.keys)
        #expect(sourceTargets == Set(Self.ladder), "Package.swift's targets under Sources and the ladder differ")
        let folders = try FileManager.default.contentsOfDirectory(
            atPath: RepositoryPaths.root.appendingPathComponent("Sources").path
        ).filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Set(Self.ladder), "Sources' folders and the ladder differ")
        // The manifest reader sees products and targets alike.
        #expect(manifest["StrataServer"]?.dependencies.isSuperset(of: ["StrataPipeline", "Hummingbird"]) == true)
    }

    @Test(arguments: ladder)
    func declaredDependenciesPointDown(_ target: String) throws {
        let declared = try #require(try Self.manifest()[target]).dependencies
        let index = try #require(Self.ladder.firstIndex(of: target))
        for dependency in declared {
            if let other = Self.ladder.firstIndex(of: dependency) {
                #expect(other < index, "Package.swift: \(target) depends on \(dependency), which is not below it")
            }
        }
        if Self.pureLayers.contains(target) {
            let allowed: Set = target == Self.keptFits.layer ? [Self.keptFits.module] : []
            #expect(
                declared.subtracting(allowed).isDisjoint(with: Self.storeModules),
                "\(target) is an algorithm layer: no store")
        }
    }

    /// StrataRecommend declares StrataStore for its kept fits alone: every import of it names `FitCache`.
    @Test func recommenderImportsTheKeptFitsAlone() throws {
        let entry = try #require(try Self.manifest()[Self.keptFits.layer])
        var scoped = 0
        for (file, source) in try Self.swiftFiles(in: entry.folder) {
            for line in source.split(separator: "\n") where Self.imports(in: String(line)) == [Self.keptFits.module] {
                let words = line.split(separator: " ").map(String.init).filter { !Self.importModifiers.contains($0) }
                let expected = ["import", "struct", "\(Self.keptFits.module).\(Self.keptFits.declaration)"]
                #expect(words == expected, "\(entry.folder)/\(file): \(line) imports more than the kept fits")
                scoped += 1
            }
        }
        #expect(scoped > 0)
    }

    @Test(arguments: ladder)
    func sourceImportsAreDeclaredAndPointDown(_ target: String) throws {
        let manifest = try Self.manifest()
        let entry = try #require(manifest[target])
        let files = try Self.swiftFiles(in: entry.folder)
        if !["CBLAS", "CKernels"].contains(target) {
            #expect(!files.isEmpty, "no Swift files found for \(target) in \(entry.folder)")
        }
        for (file, source) in files {
            let problems = Self.violations(
                target: target, imports: Self.imports(in: source), declared: entry.dependencies,
                projectTargets: Set(manifest.keys))
            for problem in problems {
                Issue.record("\(entry.folder)/\(file): \(problem)")
            }
        }
    }

    /// A backend's library is declared by its own target alone, and the importer links neither a backend nor
    /// cryptography: the fuzz targets (Fuzz/) link the importer without them.
    @Test func backendsStayInTheirTargets() throws {
        let manifest = try Self.manifest()
        let sourceTargets = manifest.filter { $0.value.folder.hasPrefix("Sources/") }
        for (module, owner) in Self.backendModules {
            let declaring = Set(sourceTargets.filter { $0.value.dependencies.contains(module) }.keys)
            #expect(declaring == [owner], "\(module) is declared by \(declaring.sorted()), not by \(owner) alone")
        }
        let linked = Self.closure(of: "StrataImport", in: manifest)
        #expect(
            linked.isDisjoint(with: Set(Self.backendModules.keys).union(["Crypto"])), "StrataImport links \(linked)")
    }

    /// The API's request bodies link no server, network or store: FuzzAPIBodies (Fuzz/) links them alone.
    @Test func wireFormatsLinkNoServer() throws {
        let linked = Self.closure(of: "StrataWire", in: try Self.manifest())
        let server: Set = ["StrataServer", "Hummingbird", "NIOCore", "Crypto"]
        #expect(linked.isDisjoint(with: server.union(Self.storeModules)), "StrataWire links \(linked)")
    }

    @Test func testTargetImportsAreDeclared() throws {
        let manifest = try Self.manifest()
        let testTargets = manifest.filter { !$0.value.folder.hasPrefix("Sources/") }
        #expect(testTargets.count >= 10)
        for (target, entry) in testTargets.sorted(by: { $0.key < $1.key }) {
            for (file, source) in try Self.swiftFiles(in: entry.folder) {
                let problems = Self.violations(
                    target: target, imports: Self.imports(in: source), declared: entry.dependencies,
                    projectTargets: Set(manifest.keys))
                for problem in problems {
                    Issue.record("\(entry.folder)/\(file): \(problem)")
                }
            }
        }
    }

    /// The checker itself: an undeclared import and an upward import are both reported.
    @Test func checkerReportsUndeclaredAndUpwardImports() {
        let source = """
            import Foundation
            @testable import StrataMath
              @preconcurrency import struct NIOCore.ByteBuffer
            // import StrataServer (a comment, not an import)
            public import StrataServer
            import GRDB
            """
        let imports = Self.imports(in: source)
        #expect(imports == ["Foundation", "StrataMath", "NIOCore", "StrataServer", "GRDB"])
        let quoted = "import Foundation\nlet text = \"\"\"\n    import GRDB\n    \"\"\"\nimport StrataMath"
        #expect(Self.imports(in: quoted) == ["Foundation", "StrataMath"])
        let problems = Self.violations(
            target: "StrataCore", imports: imports, declared: ["StrataMath", "StrataServer", "NIOCore"],
            projectTargets: Set(Self.ladder))
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("StrataServer") && $0.contains("not below") })
        #expect(problems.contains { $0.contains("GRDB") && $0.contains("does not declare") })
        #expect(
            Self.violations(
                target: "StrataServer", imports: ["StrataCore", "Foundation"], declared: ["StrataCore"],
                projectTargets: Set(Self.ladder)
            ).isEmpty)
    }

    // MARK: - Reading Package.swift and the sources

    struct ManifestTarget {
        /// The target's folder relative to the repository.
        var folder: String
        /// Its declared dependencies: project targets and product names (a product's module has its name).
        var dependencies: Set<String>
    }

    /// The targets of Package.swift by name, read as text: each `.target(name:` (or executable, test,
    /// system library) up to the next one, its `path:` and the names in its `dependencies: [ … ]`.
    static func manifest() throws -> [String: ManifestTarget] {
        let text = try String(
            contentsOf: RepositoryPaths.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let start = try Regex(#"\.(target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)""#)
        let matches = text.matches(of: start)
        var targets: [String: ManifestTarget] = [:]
        for (index, match) in matches.enumerated() {
            let kind = String(match.output[1].substring ?? "")
            let name = String(match.output[2].substring ?? "")
            let end = index + 1 < matches.count ? matches[index + 1].range.lowerBound : text.endIndex
            let body = text[match.range.upperBound ..< end]
            var dependencies: Set<String> = []
            if let list = body.range(of: "dependencies:") {
                let array = bracketed(body[list.upperBound...])
                let withoutPackages = array.replacing(try Regex(#"package:\s*"[^"]*""#), with: "")
                for quoted in withoutPackages.matches(of: try Regex(#""([^"]+)""#)) {
                    dependencies.insert(String(quoted.output[1].substring ?? ""))
                }
            }
            let explicitPath = body.firstMatch(of: try Regex(#"path:\s*"([^"]+)""#))
                .flatMap { $0.output[1].substring }.map(String.init)
            let folder = explicitPath ?? (kind == "testTarget" ? "Tests/\(name)" : "Sources/\(name)")
            targets[name] = ManifestTarget(folder: folder, dependencies: dependencies)
        }
        return targets
    }

    /// Every module `target` links: its declared dependencies, theirs and so on (products count as leaves).
    static func closure(of target: String, in manifest: [String: ManifestTarget]) -> Set<String> {
        var linked: Set<String> = []
        var pending = [target]
        while let next = pending.popLast() {
            for dependency in manifest[next]?.dependencies ?? [] where linked.insert(dependency).inserted {
                pending.append(dependency)
            }
        }
        return linked
    }

    /// The text of the first `[ … ]` in `text`, brackets balanced.
    static func bracketed(_ text: Substring) -> String {
        guard let open = text.firstIndex(of: "[") else { return "" }
        var depth = 0
        for index in text[open...].indices {
            if text[index] == "[" { depth += 1 }
            if text[index] == "]" {
                depth -= 1
                if depth == 0 { return String(text[open ... index]) }
            }
        }
        return String(text[open...])
    }

    /// Every `.swift` file under `folder` (relative path, text), resource folders named Fixtures left out.
    static func swiftFiles(in folder: String) throws -> [(String, String)] {
        let url = RepositoryPaths.root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: url.path) else { return [] }
        return try enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.split(separator: "/").dropLast().contains("Fixtures") }
            .sorted()
            .map { ($0, try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8)) }
    }

    static let importModifiers: Set<String> = ["public", "package", "internal", "fileprivate", "private"]
    static let importKinds: Set<String> = [
        "struct", "class", "enum", "protocol", "typealias", "func", "let", "var", "actor"
    ]

    /// The modules `source` imports, in order: attributes (`@testable`, `@preconcurrency`), access levels
    /// and declaration kinds (`import struct M.T`) are skipped, a submodule counts as its module, and lines
    /// inside block comments and multi-line string literals are not read.
    static func imports(in source: String) -> [String] {
        var modules: [String] = []
        var inBlockComment = false
        var inMultilineString = false
        for line in source.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let quotes = trimmed.components(separatedBy: "\"\"\"").count - 1
            if inMultilineString || quotes > 0 {
                if quotes % 2 == 1 { inMultilineString.toggle() }
                continue
            }
            if inBlockComment {
                if trimmed.contains("*/") { inBlockComment = false }
                continue
            }
            if trimmed.hasPrefix("/*") {
                inBlockComment = !trimmed.contains("*/")
                continue
            }
            var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            while let first = words.first, first.hasPrefix("@") || importModifiers.contains(first) {
                words.removeFirst()
            }
            guard words.first == "import", words.count >= 2 else { continue }
            let path = importKinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
            let module = path.split(separator: ".").first.map(String.init) ?? path
            modules.append(module.trimmingCharacters(in: CharacterSet(charactersIn: ";")))
        }
        return modules
    }

    /// What is wrong with `target` importing `imports`: a module Package.swift does not declare for it, a
    /// ladder target not below it, or a project target off the ladder (a test helper) imported from Sources.
    static func violations(
        target: String, imports: [String], declared: Set<String>, projectTargets: Set<String>
    ) -> [String] {
        var problems: [String] = []
        for module in imports where module != target && !platformModules.contains(module) {
            if !declared.contains(module) {
                problems.append("\(target) imports \(module), which Package.swift does not declare for it")
            }
            guard let own = ladder.firstIndex(of: target) else { continue }
            if let other = ladder.firstIndex(of: module) {
                if other >= own {
                    problems.append("\(target) imports \(module), which is not below it on the ladder")
                }
            } else if projectTargets.contains(module) {
                problems.append("\(target) imports \(module), a project target that is not on the ladder")
            }
        }
        return problems
    }
}
