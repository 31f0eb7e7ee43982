import Testing

@testable import StrataText

@Suite struct ChineseLexiconTests {
    /// Four words, each seen three times, each time beside a different neighbour or a run's edge (left and
    /// right entropy ln 3 ≈ 1.10); every bigram across two words is seen once.
    let corpus = ["电影音乐", "音乐咖啡", "咖啡电影", "小说电影", "音乐小说", "咖啡小说"]

    @Test func learnsTheFreeFrequentWordsAndNoCrossWordBigram() {
        #expect(ChineseLexicon(texts: corpus).words == ["电影", "音乐", "咖啡", "小说"])
    }

    @Test func aWordAlwaysBesideTheSameCharacterIsNoWord() {
        // "喜欢", "欢电", "喜欢电影" and every other n-gram of "真喜欢电影呀" but "电影" are seen three times with
        // the same character on one side each time (entropy 0); "电影" has neighbours 欢 (3), 啡, 说 and an edge
        // on the left (entropy 1.24) and 呀 (3), 音 and two edges on the right (entropy 1.24).
        let texts = corpus + Array(repeating: "真喜欢电影呀", count: 3)
        #expect(ChineseLexicon(texts: texts).words == ["电影", "音乐", "咖啡", "小说"])
        #expect(WordTokenizer().learningChineseWords(from: texts).terms("真喜欢电影呀") == ["电影"])
    }

    @Test func learnedTokenizerCutsChineseIntoWordsAndLeavesOtherScriptsAlone() {
        let plain = WordTokenizer()
        let learned = plain.learningChineseWords(from: corpus)
        #expect(plain.terms("我喜欢电影音乐") == ["喜欢", "欢电", "电影", "影音", "音乐"])
        #expect(learned.terms("我喜欢电影音乐") == ["电影", "音乐"], "喜, 欢 are in no word and 我 is a stop character")
        #expect(learned.terms("The Crew's 2049 space opera, 咖啡") == ["crew", "space", "opera", "咖啡"])
        #expect(learned.terms("书") == ["书"])
        #expect(plain.learningChineseWords(from: ["无线蓝牙耳机"]).terms("蓝牙耳机") == ["蓝牙", "牙耳", "耳机"], "nothing learned")
    }
}
