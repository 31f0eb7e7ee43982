import StrataCore
import StrataPipeline

/// The dashboard at `/`: one self-contained HTML page (inline CSS, JS and SVG).
///
/// The segment map and the segment and topic lists are rendered on the server; the user lookup
/// fetches the API from the page (`/?user=ID` looks one up on load).
enum DashboardPage {
    /// The page for `snapshot`, or a page saying the server is still starting when it is `nil`, its map
    /// drawn from the users' `profiles`; segment sizes are published under `disclosure`; segments and topics
    /// show the generative model's `names` where it named them.
    static func html(
        _ snapshot: ServingState.Snapshot?, profiles: (_ users: [String]) -> [String: UserProfile],
        readsNeedKey: Bool, disclosure: Disclosure, names: LabelNames = LabelNames()
    ) -> String {
        let map =
            snapshot.map { SegmentMap($0.segments, profiles: profiles, disclosure: disclosure).svg() }
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
            <h2>Layer evaluation</h2>
            <p class="note">Each layer's interests against what users did next, at the layer's own horizon, beside \
            the baselines (precision of the top interests; <code>strata evaluate --layers</code> measures it).</p>
            <div id="layer-evaluation">loading…</div>
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
        const svgNS = 'http://www.w3.org/2000/svg';
        const palette = ['#2a6fdb', '#e07b39', '#3a9e5c', '#9b59b6', '#c0392b', '#7f8c8d'];
        // Grouped bars: one group per horizon and level, one bar per predictor (the layer first, in colour).
        function evaluationChart(view) {
          const groups = [];
          for (const row of view.rows) {
            const name = `${row.horizon} · ${row.level}`;
            let group = groups.find(g => g.name === name);
            if (!group) { group = {name, rows: []}; groups.push(group); }
            group.rows.push(row);
          }
          const bar = 18, gap = 44, height = 150, top = 10;
          const width = groups.reduce((w, g) => w + g.rows.length * bar + gap, gap);
          const max = Math.max(0.01, ...view.rows.map(r => r.precision));
          const greys = ['#bbb', '#999', '#777'];
          let svg = `<svg id="layer-evaluation-chart" xmlns="${svgNS}" width="${width}" height="${height + 70}">`;
          let x = gap;
          for (const group of groups) {
            group.rows.forEach((row, i) => {
              const h = height * row.precision / max;
              const colour = ['surface', 'middle', 'deep'].includes(row.predictor) ? palette[0] : greys[(i - 1 + 3) % 3];
              svg += `<rect class="bar" data-predictor="${esc(row.predictor)}" x="${x + i * bar}" y="${top + height - h}" width="${bar - 2}" height="${h}" fill="${colour}">` +
                `<title>${esc(group.name)} — ${esc(row.predictor)}: P@${view.k} ${row.precision.toFixed(3)} (${row.users} users)</title></rect>`;
            });
            const [horizon, level] = group.name.split(' · ');
            svg += `<text x="${x}" y="${top + height + 14}" font-size="10">${esc(horizon)}</text>`;
            svg += `<text x="${x}" y="${top + height + 26}" font-size="10" fill="#666">${esc(level)} (${esc(group.rows[0].predictor)})</text>`;
            x += group.rows.length * bar + gap;
          }
          // One legend: the layer in colour, then the baselines in the order of every group.
          const baselines = groups.length ? groups[0].rows.slice(1).map(r => r.predictor) : [];
          let lx = gap;
          svg += `<rect x="${lx}" y="${top + height + 40}" width="10" height="10" fill="${palette[0]}"/><text x="${lx + 14}" y="${top + height + 49}" font-size="11">the layer</text>`;
          lx += 80;
          baselines.forEach((name, i) => {
            svg += `<rect x="${lx}" y="${top + height + 40}" width="10" height="10" fill="${greys[i % 3]}"/><text x="${lx + 14}" y="${top + height + 49}" font-size="11">${esc(name)}</text>`;
            lx += 24 + 7 * name.length;
          });
          return svg + '</svg>';
        }
        async function loadEvaluation() {
          const target = document.getElementById('layer-evaluation');
          try {
            const view = await get('/v1/evaluation/layers');
            const s = view.settings;
            target.innerHTML = evaluationChart(view) +
              `<p class="note" id="layer-settings">settings: half-life ${s.half_life_days} days, surface ${s.surface_size} events (decay ${s.surface_decay}), ${s.windows} deep windows; ${view.users} users</p>`;
          } catch (e) {
            target.innerHTML = `<p class="note" id="layer-evaluation-missing">${esc(e.message)}</p>`;
          }
        }
        // One small chart a layer: the weights of its leading interests at each cut through the history.
        function historyChart(layer, points) {
          const width = 340, height = 120, left = 30, top = 8;
          const labels = new Map();
          points.forEach(p => (p.layers[layer] || []).forEach(i => labels.set(i.label, Math.max(labels.get(i.label) || 0, i.weight))));
          const leading = [...labels.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(e => e[0]);
          const max = Math.max(0.01, ...leading.map(l => labels.get(l)));
          const step = points.length > 1 ? (width - left - 10) / (points.length - 1) : 0;
          let svg = `<svg class="history" id="history-${layer}" xmlns="${svgNS}" width="${width}" height="${height + 20}">`;
          svg += `<line x1="${left}" y1="${top + height}" x2="${width - 10}" y2="${top + height}" stroke="#ccc"/>`;
          leading.forEach((label, n) => {
            const xy = points.map((p, i) => {
              const interest = (p.layers[layer] || []).find(x => x.label === label);
              return `${(left + i * step).toFixed(1)},${(top + height - height * (interest ? interest.weight : 0) / max).toFixed(1)}`;
            });
            svg += `<polyline class="history-line" fill="none" stroke-width="2" stroke="${palette[n]}" points="${xy.join(' ')}"><title>${esc(label)}</title></polyline>`;
          });
          svg += `<text x="${left}" y="${top + height + 14}" font-size="10" fill="#666">${esc(points[0].reference_time.slice(0, 10))}</text>`;
          svg += `<text x="${width - 10}" y="${top + height + 14}" font-size="10" fill="#666" text-anchor="end">${esc(points[points.length - 1].reference_time.slice(0, 10))}</text>`;
          const legend = leading.map((l, n) => `<span style="color:${palette[n]}">■</span> ${esc(l)}`).join(' ');
          return `<div class="layer"><h3>${layer}</h3>${svg}</svg><div class="note">${legend}</div></div>`;
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
            try {
              const history = await get(`/v1/users/${encodeURIComponent(user)}/layers/history?points=6`);
              html += '<h2>How the layers moved</h2><div class="row" id="layer-history">' +
                ['surface', 'middle', 'deep'].map(n => historyChart(n, history.points)).join('') + '</div>';
            } catch (e) {
              html += `<p id="layer-history-unavailable" class="note">${esc(e.message)}</p>`;
            }
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
        loadEvaluation();
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
