// The daily activity pages, progressively enhanced.  Without this file (or htmx) every form is
// a plain POST (multipart where it carries files) and works as well.
//
// 1. When htmx cannot reach the server (network down, server error) say so next to the form.
//    What was typed stays in the form, and its idempotency key makes pressing "Simpan" again
//    safe.
// 2. Evidence (bukti dukung, templates/aktivitas/bukti/_daftar.html and the entry form):
//    the chosen files are named, an evidence form uploads as soon as files are chosen, a
//    progress bar follows the upload (htmx's xhr progress events), and files dropped on a
//    zone ([data-bukti-zona]) are taken as chosen.
(function () {
  "use strict";
  document.documentElement.classList.add("bukti-js");

  function formDari(e) {
    var elt = e.detail && e.detail.elt;
    return elt && elt.closest ? elt.closest("form") : null;
  }

  // --- 1. network errors -------------------------------------------------------------------
  function catatan(e) {
    var form = formDari(e);
    return form ? form.querySelector("[data-galat-jaringan]") : null;
  }
  function tampil(e) {
    var p = catatan(e);
    if (p) p.hidden = false;
    progres(formDari(e), null);
  }
  document.addEventListener("htmx:sendError", tampil);
  document.addEventListener("htmx:responseError", tampil);
  document.addEventListener("htmx:beforeRequest", function (e) {
    var p = catatan(e);
    if (p) p.hidden = true;
  });

  // --- 2. evidence ---------------------------------------------------------------------------
  function progres(form, persen) {
    if (!form) return;
    var wadah = form.querySelector("[data-bukti-progres-wadah]");
    if (!wadah) return;
    if (persen === null) {
      wadah.hidden = true;
      return;
    }
    wadah.hidden = false;
    form.querySelector("[data-bukti-progres]").value = persen;
    form.querySelector("[data-bukti-persen]").textContent = persen + "%";
  }

  function adaBerkas(form) {
    var ada = false;
    form.querySelectorAll("input[type=file]").forEach(function (i) {
      if (i.files && i.files.length) ada = true;
    });
    return ada;
  }

  document.addEventListener("htmx:xhr:progress", function (e) {
    var form = formDari(e);
    if (!form || !adaBerkas(form) || !e.detail.lengthComputable || !e.detail.total) return;
    progres(form, Math.round((100 * e.detail.loaded) / e.detail.total));
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    progres(formDari(e), null);
  });

  function namai(form) {
    var nama = [];
    form.querySelectorAll("input[data-bukti-berkas]").forEach(function (i) {
      for (var k = 0; k < (i.files ? i.files.length : 0); k++) nama.push(i.files[k].name);
    });
    var tempat = form.querySelector("[data-bukti-terpilih]");
    if (tempat) tempat.textContent = nama.join(", ");
    return nama.length;
  }

  function kirim(form) {
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("input[data-bukti-berkas]")) return;
    var form = input.form;
    if (!namai(form)) return;
    // An evidence form uploads at once; the activity entry form waits for "Simpan".
    if (form.hasAttribute("data-bukti-unggah")) kirim(form);
  });

  function zona(e) {
    return e.target && e.target.closest ? e.target.closest("[data-bukti-zona]") : null;
  }
  function inputZona(z) {
    var form = z.matches("form") ? z : z.querySelector("form[data-bukti-unggah]");
    return form ? form.querySelector("input[data-bukti-berkas][multiple]") : null;
  }
  document.addEventListener("dragover", function (e) {
    var z = zona(e);
    if (!z || !inputZona(z)) return;
    e.preventDefault();
    z.classList.add("bukti-seret-aktif");
  });
  document.addEventListener("dragleave", function (e) {
    var z = zona(e);
    if (z && !z.contains(e.relatedTarget)) z.classList.remove("bukti-seret-aktif");
  });
  document.addEventListener("drop", function (e) {
    var z = zona(e);
    var input = z ? inputZona(z) : null;
    if (!input || !e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    z.classList.remove("bukti-seret-aktif");
    input.files = e.dataTransfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();
