// The main menu (templates/base.html, #menu-utama), progressively enhanced: opening one group
// closes the others; Escape or a click outside closes them and gives focus back to the group.
// Without this file the groups are plain <details> and work as they are.
(function () {
  "use strict";
  function grup() {
    return document.querySelectorAll("#menu-utama details");
  }
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (!d.matches || !d.matches("#menu-utama .nav-grup") || !d.open) return;
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
      if (d.open && !d.contains(e.target)) d.open = false;
    });
  });
})();
