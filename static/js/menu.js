// The main menu (templates/components/menu.html, #menu-utama), progressively enhanced. Wide
// screen: opening one group closes the others; Escape or a click outside closes them and gives
// focus back to the group. Narrow screen: the "Menu" button (.menu-sempit) shows the list after
// it; opening it opens every group, so each entry is one tap away. Without this file the groups
// are plain <details> and work as they are (on a narrow screen: Menu, then the group).
(function () {
  "use strict";
  var sempit = window.matchMedia("(max-width: 800px)");
  function grup() {
    return document.querySelectorAll("#menu-utama details");
  }
  // The Menu button's list is its next sibling: a click there is inside the menu.
  function berisi(d, sasaran) {
    if (d.contains(sasaran)) return true;
    var daftar = d.classList.contains("menu-sempit") ? d.nextElementSibling : null;
    return !!(daftar && daftar.contains(sasaran));
  }
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (!d.matches || !d.open) return;
    if (d.matches("#menu-utama .menu-sempit")) {
      document.querySelectorAll("#menu-utama .nav-grup").forEach(function (g) { g.open = true; });
      return;
    }
    if (!d.matches("#menu-utama .nav-grup") || sempit.matches) return;
    grup().forEach(function (lain) {
      if (lain !== d && lain.classList.contains("nav-grup")) lain.open = false;
    });
  }, true);
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    grup().forEach(function (d) {
      if (d.open) {
        d.open = false;
        d.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (e) {
    grup().forEach(function (d) {
      if (!d.open || berisi(d, e.target)) return;
      // on a narrow screen the groups are part of the open list, not drop-downs
      if (sempit.matches && d.classList.contains("nav-grup")) return;
      d.open = false;
    });
  });
  // From narrow to wide (a rotated tablet): the groups opened for the list would all hang
  // open as drop-downs.
  function keLebar() {
    if (sempit.matches) return;
    document.querySelectorAll("#menu-utama details").forEach(function (d) { d.open = false; });
  }
  if (sempit.addEventListener) sempit.addEventListener("change", keLebar);
  else if (sempit.addListener) sempit.addListener(keLebar); // older browsers
})();

// Tables on a narrow screen (issue 16; static/css/ekinerja.css "Ponsel"; docs/ponsel.md).
// One pattern for every table.table: it scrolls sideways inside its own .table-wrap box (its
// first column fixed by the stylesheet), never the page. This part
// - wraps a table.table that a template left bare in a .table-wrap box;
// - makes a box that really scrolls focusable (tabindex=0) and, when the table has a caption
//   or sits in a section with a heading, a region named by it, so that a keyboard user can
//   scroll it with the arrow keys (axe-core: scrollable-region-focusable). A box that fits is
//   left out of the tab order.
// Pages swapped in by htmx are handled as they load; the boxes are checked again on resize.
// Kept in menu.js, which every page loads already (no extra request or tag: issue 12's
// weight budget). Without it the tables still work; a bare wide table then widens the page.
(function () {
  "use strict";

  function bungkus(akar) {
    var tabel = akar.querySelectorAll ? akar.querySelectorAll("table.table") : [];
    Array.prototype.forEach.call(tabel, function (t) {
      var induk = t.parentElement;
      if (!induk || induk.classList.contains("table-wrap")) return;
      var kotak = document.createElement("div");
      kotak.className = "table-wrap";
      induk.insertBefore(kotak, t);
      kotak.appendChild(t);
    });
  }

  function nama(kotak) {
    var judul = kotak.querySelector("caption");
    if (!judul) {
      var bagian = kotak.closest("section[aria-labelledby]");
      if (bagian) return bagian.getAttribute("aria-labelledby");
      return null;
    }
    if (!judul.id) judul.id = "tabel-" + Math.random().toString(36).slice(2, 9);
    return judul.id;
  }

  function tandai() {
    document.querySelectorAll(".table-wrap").forEach(function (kotak) {
      var gulir = kotak.scrollWidth > kotak.clientWidth + 1;
      if (gulir && !kotak.hasAttribute("tabindex")) {
        kotak.setAttribute("tabindex", "0");
        kotak.setAttribute("data-tabel-gulir", "");
        var id = nama(kotak);
        if (id && !kotak.hasAttribute("aria-label")) {
          kotak.setAttribute("role", "region");
          kotak.setAttribute("aria-labelledby", id);
        }
      } else if (!gulir && kotak.hasAttribute("data-tabel-gulir")) {
        kotak.removeAttribute("tabindex");
        kotak.removeAttribute("data-tabel-gulir");
        if (kotak.getAttribute("role") === "region") {
          kotak.removeAttribute("role");
          kotak.removeAttribute("aria-labelledby");
        }
      }
    });
  }

  function siapkan(akar) {
    bungkus(akar);
    tandai();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { siapkan(document); });
  } else {
    siapkan(document);
  }
  document.addEventListener("htmx:load", function (e) { siapkan(e.target); });
  var tunda;
  window.addEventListener("resize", function () {
    clearTimeout(tunda);
    tunda = setTimeout(tandai, 150);
  });
})();
