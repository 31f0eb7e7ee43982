import Foundation

/// Finds the encoder's model folder, so `strata` runs from any directory: a folder given explicitly,
/// else `STRATA_MODEL_DIR`, else the first of these that holds a `config.json`:
/// 1. the user's data folder, `$XDG_DATA_HOME/strata/models/NAME` (`~/.local/share/strata/models/NAME`
///    when `XDG_DATA_HOME` is unset), where `scripts/setup` installs the model;
/// 2. beside the executable, `DIR/models/NAME`, and the checkout it was built in (`CHECKOUT/models/NAME`
///    for `CHECKOUT/.build/…/release/strata`);
/// 3. `models/NAME` in the current directory.
public struct ModelLocator: Sendable {
    /// The model used when none is named.
    public static let defaultModelName = "all-MiniLM-L6-v2"

    /// The process environment to read `STRATA_MODEL_DIR`, `XDG_DATA_HOME` and `HOME` from.
    public var environment: [String: String]
    /// The running executable, whose folder is searched.
    public var executable: URL?
    /// The folder relative paths are resolved against.
    public var currentDirectory: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executable: URL? = Bundle.main.executableURL,
                currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.environment = environment
        self.executable = executable
        self.currentDirectory = currentDirectory
    }

    /// The folders searched for the default model, in order.
    public var candidates: [URL] {
        if let configured = environment["STRATA_MODEL_DIR"], !configured.isEmpty {
            return [resolved(configured)]
        }
        let name = Self.defaultModelName
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

    /// The model folder to load: `explicit` when given (resolved against the current directory),
    /// else the first candidate holding a `config.json`.
    /// - Throws: `ModelError.notFound` listing every folder searched.
    public func modelDirectory(explicit: String? = nil) throws -> URL {
        if let explicit { return resolved(explicit) }
        let searched = candidates
        guard let found = searched.first(where: {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("config.json").path)
        }) else {
            throw ModelError.notFound(searched: searched.map(\.path))
        }
        return found
    }
}
