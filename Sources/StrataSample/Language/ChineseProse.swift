/// The sample in Chinese (`strata sample generate --language zh`): the sentences of `EnglishProse`
/// written as a Chinese shop writes them, over `Vocabulary.chinese`.
struct ChineseProse: SampleProse {
    var vocabularies: [Vocabulary] { Vocabulary.chinese }
    var segmentNames: [String] {
        [
            "科幻与太空迷", "家庭咖啡师与烘焙爱好者", "徒步露营族", "数码发烧友", "年轻家庭", "跑者与瑜伽爱好者",
            "精致配饰控", "居家布置达人", "乐手与爵士乐迷", "爱下厨的植物家长", "悬疑与历史读者", "护肤与香氛爱好者"
        ]
    }
    var sentenceSeparator: String { "" }

    /// The two halves run together, as Chinese writes them, except that a space keeps two Latin
    /// words or numbers apart ("Aurora X2", but "龟背竹金边" and "Aurora 青春版" stay as they are).
    func title(_ start: String, _ end: String) -> String {
        guard let last = start.unicodeScalars.last, let first = end.unicodeScalars.first,
            Self.isLatinWordScalar(last), Self.isLatinWordScalar(first)
        else { return start + end }
        return start + " " + end
    }

    func descriptionSentences(_ parts: DescriptionParts, style: Vocabulary.Style) -> DescriptionSentences {
        let (title, kind, use, audience) = (parts.title, parts.kind, parts.use, parts.audience)
        let (f1, f2, f3) = parts.features
        switch style {
        case .product:
            return DescriptionSentences(
                opening: [
                    "\(title)是一款\(kind)，配备\(f1)和\(f2)。", "这款\(kind)兼具\(f1)与\(f2)。",
                    "一款拥有\(f1)、\(f2)和\(f3)的\(kind)。"
                ],
                middle: [
                    "专为\(use)而设计。", "买家评价它很适合\(use)，\(f3)更是加分项。", "如果你需要一款适合\(use)的产品，这款值得一看。"
                ],
                closing: ["非常适合\(audience)。", "与同类产品相比，它还多了\(f3)。", "专为\(audience)打造。"])
        case .story:
            return DescriptionSentences(
                opening: [
                    "《\(title)》是一部关于\(f1)的\(kind)。", "一部讲述\(f1)的\(kind)，穿插着\(f2)。",
                    "在这部\(kind)里，一切始于\(f1)。"
                ],
                middle: ["看点：\(use)。", "既有\(use)，也有\(f2)。", "评论家盛赞其\(f3)。"],
                closing: ["适合\(audience)。", "推荐给\(audience)。", "深受\(audience)喜爱。"])
        }
    }

    func reviews(feature: String, use: String, liked: Bool) -> [String] {
        liked
            ? ["很喜欢：\(feature)和描述的一模一样。", "非常适合\(use)。", "\(feature)很满意，会回购。", "\(use)用它正合适，\(feature)更是惊喜。"]
            : ["不太适合我，\(feature)没什么亮点。", "用于\(use)的话，期望更高一些。", "已退货，\(feature)有点名不副实。"]
    }

    private static func isLatinWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0" ... "9").contains(scalar))
    }
}
