// Photos shrunk in the browser before they are sent (or queued offline): a phone photo of a
// paper document (4000×3000, ≈ 4 MB) becomes a JPEG whose longest side is at most 1600 px
// (≈ 300 KB), still readable.  Only JPEG/PNG photos above that size are touched; a PDF or a
// small image is sent as chosen, and so is a photo the browser cannot decode.  The server
// checks every file exactly as before (aktivitas/bukti.py).
//
// It listens to "change" on evidence inputs (input[data-bukti-berkas]) before anyone else
// (capture on the document), holds the event while the photos are resized, puts the smaller
// files in the input, then lets the change go on to aktivitas.js (naming, immediate upload).
(function () {
  "use strict";
  var SISI_MAKS = 1600;
  var MUTU = 0.82;
  var JENIS = /^image\/(jpeg|png)$/;
  var BATAS_BYTE = 400 * 1024; // a smaller photo is left alone unless it is larger than SISI_MAKS

  function namaJpeg(nama) {
    return nama.replace(/\.[^.]*$/, "") + ".jpg";
  }

  function kecilkan(berkas) {
    if (!JENIS.test(berkas.type) || !window.createImageBitmap) return Promise.resolve(berkas);
    return createImageBitmap(berkas, { imageOrientation: "from-image" })
      .then(function (bmp) {
        var skala = Math.min(1, SISI_MAKS / Math.max(bmp.width, bmp.height));
        if (skala === 1 && berkas.size <= BATAS_BYTE) {
          bmp.close();
          return berkas;
        }
        var kanvas = document.createElement("canvas");
        kanvas.width = Math.round(bmp.width * skala);
        kanvas.height = Math.round(bmp.height * skala);
        var ktx = kanvas.getContext("2d");
        ktx.fillStyle = "#fff"; // a transparent PNG gets a white page, not a black one
        ktx.fillRect(0, 0, kanvas.width, kanvas.height);
        ktx.drawImage(bmp, 0, 0, kanvas.width, kanvas.height);
        bmp.close();
        return new Promise(function (selesai) {
          kanvas.toBlob(
            function (blob) {
              if (!blob || blob.size >= berkas.size) return selesai(berkas);
              selesai(new File([blob], namaJpeg(berkas.name), { type: "image/jpeg" }));
            },
            "image/jpeg",
            MUTU
          );
        });
      })
      .catch(function () {
        return berkas; // undecodable here: the server decides
      });
  }

  function perluDiperiksa(input) {
    for (var i = 0; i < input.files.length; i++) {
      if (JENIS.test(input.files[i].type)) return true;
    }
    return false;
  }

  document.addEventListener(
    "change",
    function (e) {
      var input = e.target;
      if (!input.matches || !input.matches("input[type=file][data-bukti-berkas]")) return;
      if (e.fotoSiap || !input.files || !perluDiperiksa(input) || !window.DataTransfer) return;
      e.stopImmediatePropagation();
      var form = input.form;
      if (form) form.setAttribute("data-foto-proses", "");
      Promise.all(Array.prototype.map.call(input.files, kecilkan)).then(function (hasil) {
        var dt = new DataTransfer();
        hasil.forEach(function (f) {
          dt.items.add(f);
        });
        input.files = dt.files;
        if (form) form.removeAttribute("data-foto-proses");
        var lagi = new Event("change", { bubbles: true });
        lagi.fotoSiap = true;
        input.dispatchEvent(lagi);
      });
    },
    true
  );
})();
