/**
 * The `/docs` page: one self-contained HTML file that reads `/v2/openapi.json` and lists
 * every operation with its schemas. No CDN, so it works on a machine without internet.
 */
export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>voxmesh REST API</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
h1{margin-bottom:.2rem}.tag{margin-top:2rem;border-bottom:1px solid #ccc}
details{border:1px solid #ddd;border-radius:4px;margin:.4rem 0;padding:.3rem .6rem}
summary{cursor:pointer;font-family:ui-monospace,monospace}
.m{display:inline-block;width:4.5rem;font-weight:bold}
.GET{color:#0a7}.PUT{color:#a60}.POST{color:#06c}.PATCH{color:#80a}.DELETE{color:#c22}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:.8rem}
</style>
</head>
<body>
<h1>voxmesh REST API</h1>
<p>Crossbar conventions: send <code>{"data": …}</code>, get <code>{"data", "status", "request_id"}</code>. Authenticate with
<code>PUT /v2/api_auth</code> and pass the token as <code>X-Auth-Token</code>. Machine-readable: <a href="/v2/openapi.json">/v2/openapi.json</a>.</p>
<div id="ops">loading…</div>
<script>
fetch('/v2/openapi.json').then(r => r.json()).then(doc => {
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) (byTag[op.tags[0]] ??= []).push({ path, method: method.toUpperCase(), op });
  const root = document.getElementById('ops');
  root.textContent = '';
  for (const [tag, list] of Object.entries(byTag)) {
    const h = document.createElement('h2'); h.className = 'tag'; h.textContent = tag; root.append(h);
    for (const { path, method, op } of list) {
      const d = document.createElement('details');
      const s = document.createElement('summary');
      const m = document.createElement('span'); m.className = 'm ' + method; m.textContent = method;
      s.append(m, path + ' — ' + op.summary); d.append(s);
      const body = op.requestBody && op.requestBody.content['application/json'].schema.properties.data;
      if (body) { const p = document.createElement('pre'); p.textContent = 'data: ' + JSON.stringify(body, null, 2); d.append(p); }
      const ok = Object.entries(op.responses).find(([code]) => code.startsWith('2'));
      if (ok) { const p = document.createElement('pre'); p.textContent = ok[0] + ' data: ' + JSON.stringify(ok[1].content['application/json'].schema.properties.data, null, 2); d.append(p); }
      root.append(d);
    }
  }
}).catch(e => { document.getElementById('ops').textContent = 'could not load the document: ' + e; });
</script>
</body>
</html>
`;
}
