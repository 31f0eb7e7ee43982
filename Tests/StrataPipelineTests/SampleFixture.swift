import Foundation
import StrataEmbedding
import StrataSample
import StrataTestSupport

/// The bundled sample in one language, with the encoder a pipeline picks for it: the committed
/// English sample (`sample/`) with all-MiniLM-L6-v2, the Chinese one (`strata sample generate
/// --language zh`) with multilingual-e5-small.
enum SampleFixture {
    /// The folder holding the sample's files: `sample/` for English, else the sample written into `scratch`.
    static func folder(_ language: SampleLanguage, scratch: URL) throws -> URL {
        guard language != .english else { return RepositoryPaths.root.appendingPathComponent("sample") }
        let folder = scratch.appendingPathComponent("sample-\(language.rawValue)")
        try SampleGenerator(language: language).write(to: folder)
        return folder
    }

    /// The encoder for the sample in `language`.
    static func embedder(_ language: SampleLanguage) throws -> BertSentenceEmbedder {
        try BertSentenceEmbedder(modelDirectory: language == .english ? RepositoryPaths.miniLM : RepositoryPaths.e5)
    }
}
