import StrataCore
import StrataMath
import StrataPipeline

/// The segmented users placed in 2-D by a PCA of their segment layer's vectors, coloured by segment,
/// with each segment's centroid projected the same way — the dashboard's map.
struct SegmentMap {
    struct Point {
        var segment: Int
        var x: Double
        var y: Double
    }

    struct Centre {
        var segment: Segment
        var x: Double
        var y: Double
    }

    let users: [Point]
    let centres: [Centre]
    /// How the segments' sizes are shown.
    let disclosure: Disclosure

    /// At most `maxUsers` users are drawn: every n-th in id order, so the map stays light for big stores,
    /// each with their profile from `profiles` (a server keeping only some profiles draws those it keeps).
    /// Users are drawn without their ids (the page is open to anyone who reaches the server).
    init(
        _ model: SegmentModel, profiles: (_ users: [String]) -> [String: UserProfile], disclosure: Disclosure,
        maxUsers: Int = 2000
    ) {
        self.disclosure = disclosure
        let ids = model.memberships.keys.sorted()
        let stride = max(1, (ids.count + maxUsers - 1) / maxUsers)
        let chosen = Swift.stride(from: 0, to: ids.count, by: stride).map { ids[$0] }
        let found = profiles(chosen)
        let drawn = chosen.compactMap { id -> (String, Int, [Float])? in
            guard let vector = found[id]?.layer(model.layer).vector, let segment = model.membership(of: id) else {
                return nil
            }
            return (id, segment, vector)
        }
        let segments = model.segments.filter { !$0.centroid.isEmpty }
        let userVectors = Matrix(rowVectors: drawn.map(\.2))
        guard drawn.count >= 3, let pca = try? PCA(fitting: userVectors, components: 2) else {
            users = drawn.map { Point(segment: $0.1, x: 0.5, y: 0.5) }
            centres = segments.map { Centre(segment: $0, x: 0.5, y: 0.5) }
            return
        }
        // The users, then the centroids, projected on the users' components.
        let projected = pca.transform(
            Matrix(
                rows: drawn.count + segments.count, columns: userVectors.columns,
                values: userVectors.values + segments.flatMap(\.centroid)))
        let xs = Self.scaled((0 ..< projected.rows).map { Double(projected[$0, 0]) })
        let ys = Self.scaled((0 ..< projected.rows).map { Double(projected[$0, 1]) })
        users = drawn.indices.map { Point(segment: drawn[$0].1, x: xs[$0], y: ys[$0]) }
        centres = segments.indices.map {
            Centre(segment: segments[$0], x: xs[drawn.count + $0], y: ys[drawn.count + $0])
        }
    }

    /// `values` mapped linearly onto 0…1.
    private static func scaled(_ values: [Double]) -> [Double] {
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        return values.map { high > low ? ($0 - low) / (high - low) : 0.5 }
    }

    /// The map as an SVG element: a dot per user and a ringed circle per segment centre (area ∝ size),
    /// each with a tooltip naming it.
    func svg(width: Int = 640, height: Int = 420) -> String {
        let margin = 24.0
        func position(_ x: Double, _ y: Double) -> String {
            "cx=\"\(format(margin + x * (Double(width) - 2 * margin)))\" cy=\"\(format(margin + (1 - y) * (Double(height) - 2 * margin)))\""
        }
        let labels = Dictionary(centres.map { ($0.segment.id, $0.segment.label) }) { a, _ in a }
        var body = ""
        for point in users {
            body += """
                <circle class="user" data-segment="\(point.segment)" \(position(point.x, point.y)) r="2.5" \
                fill="\(HTML.colour(point.segment))" fill-opacity="0.55"><title>\
                \(HTML.escape(labels[point.segment] ?? "segment \(point.segment)"))</title></circle>\n
                """
        }
        // Suppressed sizes are drawn as the smallest published size would be.
        let sizes = centres.map {
            disclosure.publish($0.segment.size, group: $0.segment.id) ?? disclosure.minimumGroupSize
        }
        let largest = Double(sizes.max() ?? 1)
        for (centre, size) in zip(centres, sizes) {
            let r = 5 + 10 * (Double(size) / max(largest, 1)).squareRoot()
            body += """
                <circle class="segment" data-segment="\(centre.segment.id)" \(position(centre.x, centre.y)) r="\(format(r))" \
                fill="\(HTML.colour(centre.segment.id))" stroke="#222" stroke-width="1.5"><title>\(HTML.escape(centre.segment.label)) \
                (\(disclosure.text(centre.segment.size, group: centre.segment.id)))</title></circle>\n
                """
        }
        return """
            <svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="segment map">
            <rect width="100%" height="100%" fill="#fafafa" stroke="#ddd"/>
            \(body)</svg>
            """
    }

    private func format(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }
}
