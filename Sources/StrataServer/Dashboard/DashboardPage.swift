import StrataCore
import StrataPipeline

/// The dashboard at `/`: one self-contained HTML page (inline CSS, JS and SVG).
///
/// The segment map and the segment and topic lists are rendered on the server; the user lookup
/// fetches the API from the page (`/?user=ID` looks one up on load).
enum DashboardPage {
    /// The page for `snapshot`, or a page saying the server is still starting when it is `nil`; segment
    /// sizes are published under `disclosure`; segments and topics show the generative model's `names`
    /// where it named them.
    static func html(
        _ snapshot: ServingState.Snapshot?, readsNeedKey: Bool, disclosure: Disclosure, names: LabelNames = LabelNames()
    ) -> String {
        let map =
            snapshot.map { SegmentMap($0.segments, profiles: $0.profiles, disclosure: disclosure).svg() }
            ?? "<p id=\"map-pending\">The server is still computing its stages.</p>"
        let segments = snapshot?.segments.segmentsBySize ?? []
        let segmentList = segments.map { segment in
            """
            <li class="segment"><span class="swatch" style="background:\(HTML.colour(segment.id))"></span>\
            <b>\(HTML.escape(names.segments[segment.id] ?? segment.label))</b> <span class="size">\(disclosure.text(segment.size, group: segment.id))</span>\
            <div class="keywords">\(HTML.escape(segment.keywords.prefix(8).joined(separator: ", ")))</div></li>
            """
        }.joined(separator: "\n")
        let coarse = snapshot?.topics.coarse.sorted { $0.size > $1.size } ?? []
        let topicList = coarse.map { topic in
            """
            <li class="topic"><b>\(HTML.escape(names.topics[topic.id] ?? topic.label))</b> <span class="size">\(topic.size) items</span>\
            <div class="keywords">\(HTML.escape(topic.keywords.prefix(8).joined(separator: ", ")))</div></li>
            """
        }.joined(separator: "\n")
        let caption =
            snapshot.map {
                "\(disclosure.text($0.segments.memberships.count, group: -1)) in \($0.segments.segments.count) segments of their \($0.segments.layer.rawValue) interests"
            } ?? ""
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Strata dashboard</title>
            <style>
            body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
            h1{font-size:20px} h2{font-size:16px;margin-top:24px}
            .row{display:flex;gap:24px;flex-wrap:wrap} .swatch{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:6px}
            ul{padding-left:0;list-style:none} li{margin:4px 0} .size,.keywords,.note,.reason{color:#666}
            .layer{flex:1;min-width:240px;border:1px solid #ddd;border-radius:6px;padding:8px 12px}
            .error{color:#b00}
            </style></head><body>
            <h1>Strata</h1>
            <div class="row">
            <div><h2>Segment map</h2><p class="note" id="map-caption">\(HTML.escape(caption))</p>\(map)</div>
            <div><h2>Segments</h2><ul id="segments">\(segmentList)</ul></div>
            </div>
            <h2>Topics</h2><ul id="topics">\(topicList)</ul>
            <h2>User lookup</h2>
            <form id="lookup"><input id="user" placeholder="user id" required>\
            \(readsNeedKey ? "<input id=\"key\" placeholder=\"API key\" type=\"password\">" : "")\
            <button>Show</button></form>
            <div id="result"></div>
            <script>
            \(script)
            </script>
            </body></html>
            """
    }

    static let script = """
        const esc = s => String(s).replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
        async function get(path) {
          const key = document.getElementById('key');
          const headers = key && key.value ? {'X-API-Key': key.value} : {};
          const response = await fetch(path, {headers});
          const body = await response.json();
          if (!response.ok) throw new Error(body.error ? body.error.message : response.status);
          return body;
        }
        function layerHTML(name, interests) {
          const items = interests.slice(0, 8).map(i =>
            `<li class="interest">${esc(i.label)} <span class="size">${(i.weight * 100).toFixed(1)}%</span></li>`).join('');
          return `<div class="layer" id="layer-${name}"><h3>${name}</h3><ul>${items || '<li>none</li>'}</ul></div>`;
        }
        async function lookup(user) {
          const result = document.getElementById('result');
          result.innerHTML = 'loading…';
          try {
            const profile = await get(`/v1/users/${encodeURIComponent(user)}/profile`);
            let html = `<p id="profile-summary">${esc(profile.user)}: ${profile.event_count} events, as of ${esc(profile.reference_time)}</p>`;
            html += '<div class="row">' + ['surface', 'middle', 'deep'].map(n => layerHTML(n, profile.layers[n])).join('') + '</div>';
            html += '<h2>Recommendations</h2>';
            try {
              const recs = await get(`/v1/users/${encodeURIComponent(user)}/recommendations?k=10&explain=true`);
              html += '<ol id="recommendations">' + recs.items.map(r =>
                `<li><b>${esc(r.title)}</b> <div class="reason">${esc(r.reason ? r.reason.text : '')}</div></li>`).join('') + '</ol>';
            } catch (e) {
              html += `<p id="recommendations-unavailable" class="note">${esc(e.message)}</p>`;
            }
            result.innerHTML = html;
          } catch (e) {
            result.innerHTML = `<p class="error">${esc(e.message)}</p>`;
          }
        }
        document.getElementById('lookup').addEventListener('submit', e => {
          e.preventDefault();
          lookup(document.getElementById('user').value);
        });
        const initial = new URLSearchParams(location.search).get('user');
        if (initial) { document.getElementById('user').value = initial; lookup(initial); }
        """
}

extension Disclosure {
    /// A published count of users as the dashboard words it: "N users", or "fewer than K users" when suppressed.
    func text(_ count: Int, group: Int) -> String {
        publish(count, group: group).map { "\($0) users" } ?? "fewer than \(minimumGroupSize) users"
    }
}
