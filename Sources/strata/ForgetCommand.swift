import ArgumentParser
import StrataPipeline

/// `strata forget`: deletes one user completely, as `DELETE /v1/users/{id}` does.
struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete a user's events, profile, attributes and segment memberships, and the kept recommender fits.",
        discussion: """
            Freed database pages are overwritten (SQLite secure_delete) and the write-ahead log is truncated, so no \
            copy of the deleted rows stays in the database's files. Stop a running `strata serve` on the same \
            database first, or delete through its API (DELETE /v1/users/{id}): a server keeps users in memory.
            """)

    @OptionGroup var pipeline: PipelineOptions

    @Option(help: "The user to delete.")
    var user: String

    func run() throws {
        guard try pipeline.open().forget(user: pipeline.storedUser(user)) else {
            throw CommandError("user '\(user)' is not in \(pipeline.store.db)")
        }
    }
}
