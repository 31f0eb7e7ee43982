import Foundation
import Testing

@testable import StrataText

@Suite struct KeywordTests {
    let tokenizer = WordTokenizer()

    @Test func englishWordsLoseStopWordsNumbersAndPossessives() {
        #expect(
            tokenizer.terms("The Crew's starship, 2049 light-years away!") == [
                "crew", "starship", "light", "years", "away"
            ])
        #expect(tokenizer.terms("It's NOT about the money") == ["money"], "it's is it, a stop word")
    }

    @Test func numeralsAreNoKeywords() {
        #expect(tokenizer.terms("Rocky II, III and XIV: the 2nd round of the 1980s") == ["rocky", "round"])
        #expect(
            tokenizer.terms("Mix a civil 3d vivid xl") == ["mix", "civil", "3d", "vivid", "xl"],
            "words of roman letters stay")
    }

    @Test func chineseGivesCharacterBigramsWithoutFunctionCharacters() {
        #expect(tokenizer.terms("我喜欢看科幻电影") == ["喜欢", "欢看", "看科", "科幻", "幻电", "电影"])
        #expect(tokenizer.terms("iPhone 15 手机壳 case") == ["iphone", "手机", "机壳", "case"])
        #expect(tokenizer.terms("书") == ["书"])
    }

    @Test func classTFIDFMatchesHandComputedScores() {
        // A = space opera space, B = heist space; average 2.5 terms per class.
        let model = ClassTFIDF(classes: [["space", "opera", "space"], ["heist", "space"]])
        let a = model.scores(ofClass: 0)
        let b = model.scores(ofClass: 1)
        let idfSpace = log(1 + 2.5 / 3)
        let idfRare = log(1 + 2.5)
        #expect(abs(a["space"]! - 2.0 / 3 * idfSpace) < 1e-12)
        #expect(abs(a["opera"]! - 1.0 / 3 * idfRare) < 1e-12)
        #expect(abs(b["heist"]! - 0.5 * idfRare) < 1e-12)
        #expect(
            model.keywords(ofClass: 0, count: 1).map(\.term) == ["opera"], "the rarer term wins despite fewer counts")
        #expect(model.keywords(ofClass: 1, count: 5).map(\.term) == ["heist", "space"])
    }

    @Test func emptyClassesHaveNoKeywords() {
        let model = ClassTFIDF(classes: [[], ["heist"]])
        #expect(model.keywords(ofClass: 0, count: 3).isEmpty)
    }
}
