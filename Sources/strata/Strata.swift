import ArgumentParser

/// The `strata` command-line tool: one subcommand per pipeline stage.
@main
struct Strata: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Layered user interests, interest segments and recommendations with reasons.",
        subcommands: [
            Embed.self,
            Demo.self,
            Cluster.self,
            Topics.self,
            Profile.self,
            Interests.self,
            Import.self,
            Stats.self,
            Sample.self,
            SegmentCommand.self,
            Recommend.self,
            Evaluate.self,
            Forget.self,
            Serve.self,
            ExportModel.self,
            Batch.self,
            Migrate.self
        ]
    )
}
