import Foundation

extension BertTokenizer {
    /// Loads the tokenizer of a Hugging Face model folder.
    ///
    /// Reads `vocab.txt`; the normaliser and WordPiece options from `tokenizer.json` (or
    /// `do_lower_case` from `tokenizer_config.json`); the maximum length from sentence-transformers'
    /// `sentence_bert_config.json` (`max_seq_length`), else `tokenizer_config.json`'s `model_max_length`,
    /// capped by `config.json`'s `max_position_embeddings` — the truncation inside `tokenizer.json` is
    /// not the one sentence-transformers applies, so it is ignored.
    public static func load(from directory: URL) throws -> BertTokenizer {
        let vocabularyURL = directory.appendingPathComponent("vocab.txt")
        guard let vocabularyText = try? String(contentsOf: vocabularyURL, encoding: .utf8) else {
            throw TokenizerError.missingFile(vocabularyURL.path)
        }
        // "\r\n" is one Character in Swift, so both line ends are named.
        var vocabulary = vocabularyText.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(
            String.init)
        if vocabulary.last == "" { vocabulary.removeLast() }

        let tokenizerJSON = try jsonObject(directory.appendingPathComponent("tokenizer.json"))
        let tokenizerConfig = try jsonObject(directory.appendingPathComponent("tokenizer_config.json"))
        let sentenceConfig = try jsonObject(directory.appendingPathComponent("sentence_bert_config.json"))
        let modelConfig = try jsonObject(directory.appendingPathComponent("config.json"))

        let normalizerOptions = tokenizerJSON?["normalizer"]
        let modelOptions = tokenizerJSON?["model"]
        let lowercase =
            normalizerOptions?["lowercase"]?.boolValue ?? tokenizerConfig?["do_lower_case"]?.boolValue ?? true
        let normalizer = BertNormalizer(
            lowercase: lowercase,
            stripAccents: normalizerOptions?["strip_accents"]?.boolValue
                ?? tokenizerConfig?["strip_accents"]?.boolValue,
            separateChineseCharacters: normalizerOptions?["handle_chinese_chars"]?.boolValue
                ?? tokenizerConfig?["tokenize_chinese_chars"]?.boolValue ?? true)
        let wordPiece = try WordPiece(
            vocabulary: vocabulary,
            unknownToken: modelOptions?["unk_token"]?.stringValue ?? tokenizerConfig?["unk_token"]?.stringValue
                ?? "[UNK]",
            continuationPrefix: modelOptions?["continuing_subword_prefix"]?.stringValue ?? "##",
            maxCharactersPerWord: modelOptions?["max_input_chars_per_word"]?.intValue ?? 100)

        let positions = modelConfig?["max_position_embeddings"]?.intValue
        var maxLength =
            sentenceConfig?["max_seq_length"]?.intValue
            ?? tokenizerConfig?["model_max_length"]?.intValue.flatMap { $0 < 100_000 ? $0 : nil }
            ?? positions ?? 512
        if let positions { maxLength = min(maxLength, positions) }
        return try BertTokenizer(
            normalizer: normalizer, wordPiece: wordPiece, maxLength: maxLength,
            classifierToken: tokenizerConfig?["cls_token"]?.stringValue ?? "[CLS]",
            separatorToken: tokenizerConfig?["sep_token"]?.stringValue ?? "[SEP]",
            paddingToken: tokenizerConfig?["pad_token"]?.stringValue ?? "[PAD]")
    }

    /// The top-level object of an optional JSON file: `nil` when absent, an error when unreadable.
    private static func jsonObject(_ url: URL) throws -> JSONValue? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let data = try Data(contentsOf: url)
            let object = try JSONValue.parse(data)
            guard object.objectValue != nil else {
                throw TokenizerError.invalidFile(url.path, reason: "expected a JSON object")
            }
            return object
        } catch let error as TokenizerError {
            throw error
        } catch {
            throw TokenizerError.invalidFile(url.path, reason: error.localizedDescription)
        }
    }
}
