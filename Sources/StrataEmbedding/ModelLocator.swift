import Foundation

/// Finds the encoder's model folder, so `strata` runs from any directory: a folder given explicitly
/// (or the name of a model `scripts/setup` installs), else `STRATA_MODEL_DIR`, else the first of these
/// that holds a model (`config.json` or an E5S1 file):
/// 1. the user's data folder, `$XDG_DATA_HOME/strata/models/NAME` (`~/.local/share/strata/models/NAME`
///    when `XDG_DATA_HOME` is unset), where `scripts/setup` installs the model;
/// 2. beside the executable, `DIR/models/NAME`, and the checkout it was built in (`CHECKOUT/models/NAME`
///    for `CHECKOUT/.build/…/release/strata`);
/// 3. `models/NAME` in the current directory.
public struct ModelLocator: Sendable {
    /// The model used when none is named.
    public static let defaultModelName = "all-MiniLM-L6-v2"
    /// The multilingual model, for catalogs that are mostly not in English.
    public static let multilingualModelName = "multilingual-e5-small"
    /// The models `scripts/setup` installs, which can be named instead of given as a folder.
    public static let installedModelNames = [defaultModelName, multilingualModelName]

    /// The process environment to read `STRATA_MODEL_DIR`, `XDG_DATA_HOME` and `HOME` from.
    public var environment: [String: String]
    /// The running executable, whose folder is searched.
    public var executable: URL?
    /// The folder relative paths are resolved against.
    public var currentDirectory: URL

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: URL? = Bundle.main.executableURL,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.environment = environment
        self.executable = executable
        self.currentDirectory = currentDirectory
    }

    /// The folders searched for the default model, in order.
    public var candidates: [URL] { candidates(named: Self.defaultModelName) }

    /// The folders searched for the model `name`, in order: `STRATA_MODEL_DIR` alone when set, else
    /// the folders `scripts/setup` and a checkout put it in.
    public func candidates(named name: String) -> [URL] {
        if let configured = environment["STRATA_MODEL_DIR"], !configured.isEmpty {
            return [resolved(configured)]
        }
        return installedCandidates(named: name)
    }

    private func installedCandidates(named name: String) -> [URL] {
        var folders = [URL]()
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            folders.append(URL(fileURLWithPath: data).appendingPathComponent("strata/models/\(name)"))
        } else if let home = environment["HOME"], !home.isEmpty {
            folders.append(URL(fileURLWithPath: home).appendingPathComponent(".local/share/strata/models/\(name)"))
        }
        if let folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent() {
            folders.append(folder.appendingPathComponent("models/\(name)"))
            // Built in a checkout (…/CHECKOUT/.build/…/release/strata): the checkout's models folder.
            let parts = folder.pathComponents
            if let build = parts.lastIndex(of: ".build"), build > 0 {
                var checkout = folder
                for _ in build ..< parts.count { checkout.deleteLastPathComponent() }
                folders.append(checkout.appendingPathComponent("models/\(name)"))
            }
        }
        folders.append(currentDirectory.appendingPathComponent("models/\(name)"))
        return folders
    }

    /// `path` as a file URL, a relative one taken from `currentDirectory`.
    private func resolved(_ path: String) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appendingPathComponent(path)
        return url.standardizedFileURL
    }

    /// The model folder to load: `explicit` when given (resolved against the current directory; the
    /// name of an installed model, when no such folder exists, is searched for), else the first
    /// candidate for `name` holding a `config.json` or an E5S1 file.
    /// - Throws: `ModelError.notFound` listing every folder searched.
    public func modelDirectory(explicit: String? = nil, name: String = defaultModelName) throws -> URL {
        if let explicit {
            let folder = resolved(explicit)
            guard Self.installedModelNames.contains(explicit), !FileManager.default.fileExists(atPath: folder.path)
            else { return folder }
            return try firstModel(in: installedCandidates(named: explicit), name: explicit)
        }
        return try firstModel(in: candidates(named: name), name: name)
    }

    private func firstModel(in searched: [URL], name: String) throws -> URL {
        guard
            let found = searched.first(where: { folder in
                ["config.json", E5ModelFile.fileName].contains {
                    FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
                }
            })
        else {
            throw ModelError.notFound(name: name, searched: searched.map(\.path))
        }
        return found
    }
}
