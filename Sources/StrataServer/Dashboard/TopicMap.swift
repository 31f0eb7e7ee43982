import StrataCore
import StrataMath

/// The fine topics placed in 2-D by a PCA of their centroids, for the dashboard's map.
struct TopicMap {
    struct Point {
        var topic: Topic
        /// Position in [0, 1] on both axes.
        var x: Double
        var y: Double
    }

    let points: [Point]

    init(_ model: TopicModel) {
        let topics = model.fine.filter { !$0.centroid.isEmpty }
        guard topics.count >= 2,
              let pca = try? PCA(fitting: Matrix(rowVectors: topics.map(\.centroid)), components: 2)
        else {
            points = topics.map { Point(topic: $0, x: 0.5, y: 0.5) }
            return
        }
        let projected = pca.transform(Matrix(rowVectors: topics.map(\.centroid)))
        let xs = (0 ..< topics.count).map { Double(projected.row($0)[0]) }
        let ys = (0 ..< topics.count).map { Double(projected.row($0)[1]) }
        func scale(_ values: [Double]) -> [Double] {
            let low = values.min()!, high = values.max()!
            return values.map { high > low ? ($0 - low) / (high - low) : 0.5 }
        }
        let sx = scale(xs), sy = scale(ys)
        points = topics.indices.map { Point(topic: topics[$0], x: sx[$0], y: sy[$0]) }
    }

    /// The map as an SVG element: one circle per topic (area ∝ size, colour = coarse parent), with a
    /// tooltip naming it.
    func svg(width: Int = 640, height: Int = 420) -> String {
        let maxSize = Double(points.map(\.topic.size).max() ?? 1)
        let margin = 24.0
        var body = ""
        for point in points {
            let cx = margin + point.x * (Double(width) - 2 * margin)
            let cy = margin + (1 - point.y) * (Double(height) - 2 * margin)
            let r = 3 + 12 * (Double(point.topic.size) / max(maxSize, 1)).squareRoot()
            body += """
                <circle class="topic" data-topic="\(point.topic.id)" cx="\(format(cx))" cy="\(format(cy))" r="\(format(r))" \
                fill="\(Self.colour(point.topic.parent ?? point.topic.id))" fill-opacity="0.75">\
                <title>\(HTML.escape(point.topic.label)) (\(point.topic.size) items)</title></circle>\n
                """
        }
        return """
            <svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="topic map">
            <rect width="100%" height="100%" fill="#fafafa" stroke="#ddd"/>
            \(body)</svg>
            """
    }

    /// A colour per group, spread around the hue circle by the golden angle.
    static func colour(_ group: Int) -> String {
        "hsl(\(Int((Double(group) * 137.508).truncatingRemainder(dividingBy: 360))), 65%, 50%)"
    }

    private func format(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }
}

/// Escaping text for HTML.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
