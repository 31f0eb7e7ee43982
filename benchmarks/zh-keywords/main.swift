// Chinese keyword quality: for every category of a Chinese items.csv (item_id,title,description,categories),
// the 10 best c-TF-IDF terms of its items' titles and descriptions, cut into character bigrams (before) and
// into the words learned from the catalog (after); prints the share of Chinese keywords that are not in the
// hand-written list of non-words (pieces that start or end inside a word, e.g. 欢电 from 喜欢电影).
// With a third argument, also writes the Chinese keywords there, one "method<TAB>category<TAB>keyword" a line
// (for jieba_check.py). Compiled with StrataText's sources by `run`.
import Foundation

/// The rows of a CSV file with quoted fields.
func csvRows(_ text: String) -> [[String]] {
    var rows = [[String]]()
    var row = [String]()
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let c = characters.popFirst() {
        if quoted {
            if c != "\"" {
                field.append(c)
            } else if characters.first == "\"" {
                field.append(characters.removeFirst())
            } else {
                quoted = false
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\n" || c == "\r\n" {
            rows.append(row + [field])
            (row, field) = ([], "")
        } else {
            field.append(c)
        }
    }
    if !row.isEmpty || !field.isEmpty { rows.append(row + [field]) }
    return rows
}

let arguments = CommandLine.arguments
let rows = csvRows(try String(contentsOfFile: arguments[1], encoding: .utf8))
let nonWords = Set(
    try String(contentsOfFile: arguments[2], encoding: .utf8).split(whereSeparator: \.isWhitespace).map(String.init))
let header = rows[0]
let (title, description, category) = (
    header.firstIndex(of: "title")!, header.firstIndex(of: "description")!, header.firstIndex(of: "categories")!
)
let items = rows.dropFirst().filter { $0.count == header.count }
let texts = items.map { $0[title] + " " + $0[description] }
let categories = items.map { $0[category] }
let names = Array(Set(categories)).sorted()
let bigrams = WordTokenizer()
var listing = ""
for (name, tokenizer) in [("bigrams", bigrams), ("learned words", bigrams.learningChineseWords(from: texts))] {
    let terms = texts.map { tokenizer.terms($0) }
    let tfidf = ClassTFIDF(classes: names.map { n in zip(categories, terms).filter { $0.0 == n }.flatMap(\.1) })
    let isChinese = { (term: String) in term.unicodeScalars.contains { BertNormalizer.isChineseCharacter($0) } }
    let perClass = names.indices.map { tfidf.keywords(ofClass: $0, count: 10).map(\.term) }
    let keywords = perClass.flatMap { $0 }
    let chinese = keywords.filter(isChinese)
    let bad = chinese.filter { nonWords.contains($0) }
    for (category, terms) in zip(names, perClass) {
        for keyword in terms where isChinese(keyword) { listing += "\(name)\t\(category)\t\(keyword)\n" }
    }
    print(
        "\(name): \(names.count) categories, \(keywords.count) keywords, \(chinese.count) Chinese, \(chinese.count - bad.count) words ("
            + String(format: "%.1f%%", 100 * Double(chinese.count - bad.count) / Double(chinese.count)) + ")")
    print("  non-words: " + bad.joined(separator: " "))
}
if arguments.count > 3 { try listing.write(toFile: arguments[3], atomically: true, encoding: .utf8) }
