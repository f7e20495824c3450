// The day page, progressively enhanced: when htmx cannot reach the server (network down,
// server error) say so next to the form.  What was typed stays in the form, and its
// idempotency key makes pressing "Simpan" again safe.  Without this file (or htmx) the form
// is a plain POST.
(function () {
  function catatan(e) {
    var elt = e.detail && e.detail.elt;
    var form = elt && elt.closest ? elt.closest("form") : null;
    return form ? form.querySelector("[data-galat-jaringan]") : null;
  }
  function tampil(e) {
    var p = catatan(e);
    if (p) p.hidden = false;
  }
  document.addEventListener("htmx:sendError", tampil);
  document.addEventListener("htmx:responseError", tampil);
  document.addEventListener("htmx:beforeRequest", function (e) {
    var p = catatan(e);
    if (p) p.hidden = true;
  });
})();
