// Confirmations as a modal dialog (ekinerja/konfirmasi.py, components/konfirmasi.html): the
// fragment htmx loads into <dialog id="dialog-konfirmasi"> is shown with showModal(); "Batal"
// and Escape close it and give focus back to the button that opened it.  Without this file
// (or htmx) the same link opens the confirmation page.
(function () {
  "use strict";
  var pemicu = null;
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (e.detail.elt && e.detail.elt.hasAttribute && e.detail.elt.hasAttribute("data-konfirmasi")) {
      pemicu = e.detail.elt;
    }
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var d = e.detail.target;
    if (!d || d.id !== "dialog-konfirmasi") return;
    if (!d.open) d.showModal();
    var ya = d.querySelector("[data-konfirmasi-ya]");
    if (ya) ya.focus();
  });
  document.addEventListener("click", function (e) {
    var batal = e.target.closest && e.target.closest("#dialog-konfirmasi [data-konfirmasi-batal]");
    if (!batal) return;
    e.preventDefault();
    batal.closest("dialog").close();
  });
  document.addEventListener("close", function (e) {
    if (e.target.id !== "dialog-konfirmasi") return;
    e.target.innerHTML = "";
    if (pemicu) pemicu.focus();
  }, true);
})();
