import StrataCore

/// The dashboard at `/`: one self-contained HTML page (inline CSS, JS and SVG).
///
/// The map and the topic list are rendered on the server; the user lookup fetches the API from the
/// page (`/?user=ID` looks one up on load).
enum DashboardPage {
    static func html(topics: TopicModel?, segmentsAvailable: Bool, readsNeedKey: Bool) -> String {
        let map = topics.map { TopicMap($0).svg() } ?? "<p id=\"map-pending\">The server is still computing its stages.</p>"
        let coarse = topics?.coarse.sorted { $0.size > $1.size } ?? []
        let list = coarse.map { topic in
            """
            <li class="group"><span class="swatch" style="background:\(TopicMap.colour(topic.id))"></span>\
            <b>\(HTML.escape(topic.label))</b> <span class="size">\(topic.size) items</span>\
            <div class="keywords">\(HTML.escape(topic.keywords.prefix(8).joined(separator: ", ")))</div></li>
            """
        }.joined(separator: "\n")
        let segmentNote = segmentsAvailable
            ? ""
            : "<p class=\"note\">User segments are not available on this server yet; the map shows the catalog's topics, coloured by their coarse topic.</p>"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Strata dashboard</title>
            <style>
            body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
            h1{font-size:20px} h2{font-size:16px;margin-top:24px}
            .row{display:flex;gap:24px;flex-wrap:wrap} .swatch{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:6px}
            ul{padding-left:0;list-style:none} li{margin:4px 0} .size,.keywords,.note{color:#666}
            .layer{flex:1;min-width:240px;border:1px solid #ddd;border-radius:6px;padding:8px 12px}
            .error{color:#b00}
            </style></head><body>
            <h1>Strata</h1>
            \(segmentNote)
            <div class="row">
            <div><h2>Topic map</h2>\(map)</div>
            <div><h2>Topics</h2><ul id="groups">\(list)</ul></div>
            </div>
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
              const list = recs.items || recs.recommendations || [];
              html += '<ol id="recommendations">' + list.map(r =>
                `<li>${esc(r.title || r.item_id || r.item)} <span class="size">${esc((r.reasons || []).join('; ') || r.reason || '')}</span></li>`).join('') + '</ol>';
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
