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
        var vocabulary = vocabularyText.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
        if vocabulary.last == "" { vocabulary.removeLast() }

        let tokenizerJSON = try jsonObject(directory.appendingPathComponent("tokenizer.json"))
        let tokenizerConfig = try jsonObject(directory.appendingPathComponent("tokenizer_config.json"))
        let sentenceConfig = try jsonObject(directory.appendingPathComponent("sentence_bert_config.json"))
        let modelConfig = try jsonObject(directory.appendingPathComponent("config.json"))

        let normalizerOptions = tokenizerJSON?["normalizer"] as? [String: Any]
        let modelOptions = tokenizerJSON?["model"] as? [String: Any]
        let lowercase = (normalizerOptions?["lowercase"] as? Bool) ?? (tokenizerConfig?["do_lower_case"] as? Bool) ?? true
        let normalizer = BertNormalizer(
            lowercase: lowercase,
            stripAccents: (normalizerOptions?["strip_accents"] as? Bool) ?? (tokenizerConfig?["strip_accents"] as? Bool),
            separateChineseCharacters: (normalizerOptions?["handle_chinese_chars"] as? Bool)
                ?? (tokenizerConfig?["tokenize_chinese_chars"] as? Bool) ?? true)
        let wordPiece = try WordPiece(
            vocabulary: vocabulary,
            unknownToken: (modelOptions?["unk_token"] as? String) ?? (tokenizerConfig?["unk_token"] as? String) ?? "[UNK]",
            continuationPrefix: (modelOptions?["continuing_subword_prefix"] as? String) ?? "##",
            maxCharactersPerWord: (modelOptions?["max_input_chars_per_word"] as? Int) ?? 100)

        let positions = modelConfig?["max_position_embeddings"] as? Int
        var maxLength = (sentenceConfig?["max_seq_length"] as? Int)
            ?? (tokenizerConfig?["model_max_length"] as? Int).flatMap { $0 < 100_000 ? $0 : nil }
            ?? positions ?? 512
        if let positions { maxLength = min(maxLength, positions) }
        return try BertTokenizer(
            normalizer: normalizer, wordPiece: wordPiece, maxLength: maxLength,
            classifierToken: (tokenizerConfig?["cls_token"] as? String) ?? "[CLS]",
            separatorToken: (tokenizerConfig?["sep_token"] as? String) ?? "[SEP]",
            paddingToken: (tokenizerConfig?["pad_token"] as? String) ?? "[PAD]")
    }

    /// The top-level object of an optional JSON file: `nil` when absent, an error when unreadable.
    private static func jsonObject(_ url: URL) throws -> [String: Any]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let data = try Data(contentsOf: url)
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
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
