"""The API's interactive docs (Swagger UI from the package's own static files) in a real
browser under the project's Content-Security-Policy: it renders every operation, with no
refusal by the policy and no request to another origin."""

from __future__ import annotations

PENCATAT = """
window.__pelanggaranCsp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__pelanggaranCsp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def test_swagger_ui_tanpa_cdn_dan_tanpa_penolakan_csp(transactional_db, live_server, buka):
    h = buka("komputer")
    pesan: list[str] = []
    h.on("console", lambda m: pesan.append(m.text) if "Content Security" in m.text else None)
    asal_lain: list[str] = []
    h.on(
        "request",
        lambda r: asal_lain.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    h.add_init_script(PENCATAT)
    respons = h.goto(live_server.url + "/api/v1/docs")
    assert "'unsafe-inline'" not in respons.headers["content-security-policy"]
    h.locator(".swagger-ui .info .title").wait_for()
    h.locator(".opblock").first.wait_for()
    assert h.locator(".opblock").count() >= 20
    h.wait_for_load_state("networkidle")
    assert not pesan, pesan
    assert not h.evaluate("() => window.__pelanggaranCsp")
    assert not [u for u in asal_lain if not u.startswith("data:")], asal_lain
