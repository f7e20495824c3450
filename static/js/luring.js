// Working on a bad network (docs/luring.md).  Loaded on every page by
// templates/components/luring.html, configured by the data- attributes of its <script> tag.
//
// 1. The service worker (/sw.js, ekinerja/pwa.py) is registered: the day page opens without a
//    network (its last copy) and the static files come from the device.
// 2. The offline queue of the day page.  "Simpan" with no network (or a post that never got an
//    answer) puts the entry — fields, idempotency key, evidence files — in IndexedDB, shows it
//    in the day list as "belum terkirim" with "menunggu terkirim (N)", and clears the form for
//    the next one.  When the network is back, on every page open and every minute, the queue
//    is sent in order through the normal endpoint (header X-Antrean-Luring: the server answers
//    JSON, aktivitas/views/luring.py).  A refusal (422) stays in the queue with the server's
//    messages until the user fixes it ("Perbaiki" puts it back in the form) or discards it.
//    The key makes a resend harmless: an entry whose answer was lost is not stored twice.
//    One tab sends at a time (Web Locks).
// 3. Logging out warns when the queue is not empty, then empties it and the kept pages.
// 4. The install hint on the home page, for phones (components/pasang.html).
(function () {
  "use strict";
  var skrip = document.currentScript;
  var KONF = skrip ? skrip.dataset : {};
  var PENGGUNA = KONF.pengguna || "";
  var DB = "ekinerja-luring";
  var TOKO = "antrean";
  var HALAMAN = "ekinerja-halaman"; // the service worker's kept pages (static/js/sw.js)
  var ANTREAN_MAKS = 50; // entries per user on one device
  var BERKAS_TOTAL_MAKS_MB = 25; // evidence bytes kept offline, all entries together
  var MB = 1024 * 1024;
  var keteranganTerakhir = "";

  // --- 1. service worker ------------------------------------------------------------------
  if ("serviceWorker" in navigator && KONF.sw) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(KONF.sw, { scope: "/" }).catch(function () {
        return null; // no worker: the pages still work online
      });
    });
  }
  if (!PENGGUNA && window.caches) {
    // Nobody is logged in here: no one's day page may stay on the device.
    caches.delete(HALAMAN);
  }

  // --- IndexedDB --------------------------------------------------------------------------
  function bukaDb() {
    return new Promise(function (selesai, gagal) {
      var r = indexedDB.open(DB, 1);
      r.onupgradeneeded = function () {
        var toko = r.result.createObjectStore(TOKO, { keyPath: "id", autoIncrement: true });
        toko.createIndex("pengguna", "pengguna");
      };
      r.onsuccess = function () {
        selesai(r.result);
      };
      r.onerror = function () {
        gagal(r.error);
      };
    });
  }

  function transaksi(mode, kerja) {
    return bukaDb().then(function (db) {
      return new Promise(function (selesai, gagal) {
        var tx = db.transaction(TOKO, mode);
        var permintaan = kerja(tx.objectStore(TOKO));
        tx.oncomplete = function () {
          db.close();
          selesai(permintaan ? permintaan.result : undefined);
        };
        tx.onerror = tx.onabort = function () {
          db.close();
          gagal(tx.error);
        };
      });
    });
  }

  function daftarAntrean() {
    if (!PENGGUNA || !window.indexedDB) return Promise.resolve([]);
    return transaksi("readonly", function (toko) {
      return toko.index("pengguna").getAll(PENGGUNA);
    }).then(function (d) {
      return d.sort(function (a, b) {
        return a.id - b.id;
      });
    });
  }
  function tambah(entri) {
    return transaksi("readwrite", function (toko) {
      return toko.add(entri);
    });
  }
  function simpan(entri) {
    return transaksi("readwrite", function (toko) {
      return toko.put(entri);
    });
  }
  function hapus(id) {
    return transaksi("readwrite", function (toko) {
      toko.delete(id);
    });
  }
  function kosongkan() {
    return transaksi("readwrite", function (toko) {
      var r = toko.index("pengguna").getAllKeys(PENGGUNA);
      r.onsuccess = function () {
        r.result.forEach(function (k) {
          toko.delete(k);
        });
      };
    });
  }

  // --- helpers ----------------------------------------------------------------------------
  function kunciBaru() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map
      .call(b, function (x) {
        return (x + 256).toString(16).slice(1);
      })
      .join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  // The cookie first: a page opened from the worker's cache may carry an older token.
  function tokenCsrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) return decodeURIComponent(m[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function ambilKolom(kolom, nama) {
    for (var i = 0; i < kolom.length; i++) if (kolom[i][0] === nama) return kolom[i][1];
    return "";
  }
  function ambil(entri, nama) {
    return ambilKolom(entri.kolom, nama);
  }

  function formHari() {
    return document.querySelector("form[data-form-aktivitas]");
  }
  function wadah() {
    return document.querySelector("[data-antrean]");
  }
  function teks(nama, ganti) {
    var w = wadah();
    var t = (w && w.dataset[nama]) || "";
    Object.keys(ganti || {}).forEach(function (k) {
      t = t.replace("{" + k + "}", ganti[k]);
    });
    return t;
  }

  // --- 2a. showing the queue in the day list ----------------------------------------------
  function isi(li, nama, nilai) {
    var el = li.querySelector('[data-isi="' + nama + '"]');
    if (el) el.textContent = nilai;
    return el;
  }

  function tampilkan(keterangan) {
    if (keterangan !== undefined) keteranganTerakhir = keterangan;
    var w = wadah();
    if (!w) return Promise.resolve();
    return daftarAntrean().then(function (daftar) {
      w.hidden = !daftar.length;
      w.querySelector("[data-antrean-jumlah]").textContent = teks("teksJumlah", { n: daftar.length });
      var ket = !navigator.onLine && daftar.length ? teks("teksLuring") : keteranganTerakhir;
      w.querySelector("[data-antrean-keterangan]").textContent = daftar.length ? ket : "";
      var ul = w.querySelector("[data-antrean-daftar]");
      var templat = w.querySelector("[data-antrean-templat]");
      var form = formHari();
      var tanggalHalaman = form && form.elements.tanggal ? form.elements.tanggal.defaultValue : "";
      ul.textContent = "";
      daftar.forEach(function (e) {
        var li = templat.content.firstElementChild.cloneNode(true);
        li.setAttribute("data-id", e.id);
        isi(li, "jam", ambil(e, "jam_mulai") + "–" + ambil(e, "jam_selesai"));
        isi(li, "uraian", ambil(e, "uraian"));
        var ket = [];
        if (ambil(e, "tanggal") !== tanggalHalaman) ket.push(ambil(e, "tanggal"));
        ket.push((ambil(e, "jumlah_output") + " " + ambil(e, "satuan_output")).trim());
        e.berkas.forEach(function (b) {
          ket.push(b.nama);
        });
        isi(li, "keterangan", ket.join(" · "));
        if (e.galat) {
          li.classList.add("luring-ditolak");
          var pesan = e.galat.map(function (g) {
            return (g.label ? g.label + ": " : "") + g.pesan.join(" ");
          });
          isi(li, "galat", teks("teksPerluPerbaikan") + " " + pesan.join(" ")).hidden = false;
          li.querySelector('[data-aksi="perbaiki"]').hidden = false;
        }
        ul.appendChild(li);
      });
    });
  }

  // --- 2b. putting an entry in the queue --------------------------------------------------
  function ukuranBerkasAntrean() {
    return daftarAntrean().then(function (daftar) {
      var n = 0;
      daftar.forEach(function (e) {
        e.berkas.forEach(function (b) {
          n += b.data.size;
        });
      });
      return { jumlah: daftar.length, bytes: n };
    });
  }

  function galatForm(form, pesan) {
    var kotak = form.querySelector("[data-antrean-galat-form]");
    if (!pesan.length) {
      if (kotak) kotak.remove();
      return;
    }
    if (!kotak) {
      kotak = document.createElement("div");
      kotak.className = "error-box";
      kotak.setAttribute("role", "alert");
      kotak.setAttribute("data-antrean-galat-form", "");
      var grid = form.querySelector(".form-grid") || form;
      grid.insertBefore(kotak, grid.firstChild);
    }
    kotak.textContent = "";
    pesan.forEach(function (p) {
      var el = document.createElement("p");
      el.textContent = p;
      kotak.appendChild(el);
    });
  }

  function antrekan(form) {
    if (!form.checkValidity()) {
      form.reportValidity();
      return Promise.resolve(false);
    }
    var data = new FormData(form);
    var kolom = [];
    var berkas = [];
    var bytes = 0;
    var maksBerkas = parseInt(wadah() ? wadah().dataset.ukuranMaksMb : "0", 10) * MB;
    var terlaluBesar = false;
    data.forEach(function (nilai, nama) {
      if (nama === "csrfmiddlewaretoken") return;
      if (typeof nilai === "string") {
        kolom.push([nama, nilai]);
      } else if (nilai && nilai.size) {
        if (maksBerkas && nilai.size > maksBerkas) terlaluBesar = true;
        berkas.push({ kolom: nama, nama: nilai.name, jenis: nilai.type, data: nilai });
        bytes += nilai.size;
      }
    });
    if (!ambilKolom(kolom, "kunci")) kolom.push(["kunci", kunciBaru()]);
    if (terlaluBesar) {
      galatForm(form, [teks("teksBerkasBesar", { mb: maksBerkas / MB, total: BERKAS_TOTAL_MAKS_MB })]);
      return Promise.resolve(false);
    }
    var entri = {
      pengguna: PENGGUNA,
      url: form.action,
      kolom: kolom,
      berkas: berkas,
      dibuat: Date.now(),
      galat: null,
    };
    // Cleared at once, so that typing the next entry never races the storage below; should
    // the entry not fit in the queue, it is put back into the form with the reason.
    kosongkanForm(form);
    function kembalikan(pesan) {
      isiForm(form, entri);
      galatForm(form, pesan);
      return false;
    }
    return ukuranBerkasAntrean().then(function (ada) {
      var pesan = [];
      if (ada.jumlah >= ANTREAN_MAKS) pesan.push(teks("teksPenuh", { n: ada.jumlah }));
      if (ada.bytes + bytes > BERKAS_TOTAL_MAKS_MB * MB) {
        pesan.push(teks("teksBerkasBesar", { mb: maksBerkas / MB, total: BERKAS_TOTAL_MAKS_MB }));
      }
      if (pesan.length) return kembalikan(pesan);
      return tambah(entri).then(
        function () {
          return tampilkan(navigator.onLine ? "" : teks("teksLuring")).then(function () {
            if (navigator.onLine) setTimeout(kirimAntrean, 1000);
            return true;
          });
        },
        function () {
          return kembalikan([teks("teksTakTersimpan")]);
        }
      );
    });
  }

  // Put an entry's fields and files back into the form.
  function isiForm(form, entri) {
    entri.kolom.forEach(function (k) {
      var el = form.elements.namedItem(k[0]);
      if (el && el.type !== "file") el.value = k[1];
    });
    var input = form.querySelector("input[type=file][multiple]");
    if (input && entri.berkas.length && window.DataTransfer) {
      var dt = new DataTransfer();
      entri.berkas.forEach(function (b) {
        dt.items.add(new File([b.data], b.nama, { type: b.jenis }));
      });
      input.files = dt.files;
      var ubah = new Event("change", { bubbles: true });
      ubah.fotoSiap = true;
      input.dispatchEvent(ubah);
    }
  }

  function kosongkanForm(form) {
    var el = form.elements;
    var selesai = el.jam_selesai ? el.jam_selesai.value : "";
    var tanggal = el.tanggal ? el.tanggal.value : "";
    var rhk = el.rhk ? el.rhk.value : "";
    form.reset();
    if (el.tanggal) el.tanggal.value = tanggal;
    if (el.rhk) el.rhk.value = rhk;
    if (el.jam_mulai && selesai) el.jam_mulai.value = selesai;
    if (el.jam_selesai) el.jam_selesai.value = "";
    if (el.kunci) el.kunci.value = kunciBaru();
    var terpilih = form.querySelector("[data-bukti-terpilih]");
    if (terpilih) terpilih.textContent = "";
    var jaringan = form.querySelector("[data-galat-jaringan]");
    if (jaringan) jaringan.hidden = true;
    galatForm(form, []);
    if (el.uraian) el.uraian.focus();
  }

  // --- 2c. sending the queue --------------------------------------------------------------
  function kirimSatu(e) {
    var fd = new FormData();
    var token = tokenCsrf();
    e.kolom.forEach(function (k) {
      fd.append(k[0], k[1]);
    });
    fd.append("csrfmiddlewaretoken", token);
    e.berkas.forEach(function (b) {
      fd.append(b.kolom, b.data, b.nama);
    });
    return fetch(e.url, {
      method: "POST",
      body: fd,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": token, "X-Antrean-Luring": "1" },
    }).then(
      function (r) {
        if (r.ok) return "terkirim";
        if (r.type === "opaqueredirect") return "sesi"; // to the login page
        if (r.status === 422) {
          return r.json().then(function (j) {
            e.galat = j.galat;
            return simpan(e).then(function () {
              return "ditolak";
            });
          });
        }
        if (r.status >= 500 || r.status === 429) return "server";
        // 400, 403, 404, 413: this entry will never pass as it is.
        e.galat = [{ label: "", pesan: [teks("teksTertolak", { kode: r.status })] }];
        return simpan(e).then(function () {
          return "ditolak";
        });
      },
      function () {
        return "jaringan";
      }
    );
  }

  function kirimSemua() {
    var dicoba = {};
    var terkirim = 0;
    function langkah() {
      return daftarAntrean().then(function (daftar) {
        var e = daftar.filter(function (x) {
          return !x.galat && !dicoba[x.id];
        })[0];
        if (!e) return "";
        dicoba[e.id] = true;
        tampilkan(teks("teksMengirim"));
        return kirimSatu(e).then(function (hasil) {
          if (hasil === "terkirim") {
            terkirim++;
            return hapus(e.id).then(langkah);
          }
          if (hasil === "ditolak") return langkah();
          if (hasil === "sesi") return teks("teksSesi");
          return teks("teksGagal");
        });
      });
    }
    return langkah().then(function (keterangan) {
      var segarkan = terkirim ? segarkanDaftar() : Promise.resolve();
      return segarkan.then(function () {
        return tampilkan(keterangan);
      });
    });
  }

  var sedangKirim = false;
  function kirimAntrean() {
    if (!PENGGUNA || !navigator.onLine || !window.indexedDB) return Promise.resolve();
    if (navigator.locks) {
      return navigator.locks.request("ekinerja-antrean", { ifAvailable: true }, function (kunci) {
        return kunci ? kirimSemua() : null;
      });
    }
    if (sedangKirim) return Promise.resolve();
    sedangKirim = true;
    return kirimSemua().then(
      function () {
        sedangKirim = false;
      },
      function () {
        sedangKirim = false;
      }
    );
  }

  // The day list again from the server (the form, perhaps half typed, is left alone).
  function segarkanDaftar() {
    var lama = document.querySelector("#aktivitas-hari section[aria-labelledby=judul-daftar]");
    if (!lama) return Promise.resolve();
    return fetch(location.href, { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (r) {
        return r.ok ? r.text() : "";
      })
      .then(function (html) {
        var t = document.createElement("template");
        t.innerHTML = html;
        var baru = t.content.querySelector("section[aria-labelledby=judul-daftar]");
        if (!baru) return;
        lama.replaceWith(baru);
        if (window.htmx) htmx.process(baru);
      })
      .catch(function () {
        return null;
      });
  }

  // --- 2d. events -------------------------------------------------------------------------
  function formAktivitas(e) {
    var elt = e.detail && e.detail.elt;
    return elt && elt.matches && elt.matches("form[data-form-aktivitas]") ? elt : null;
  }

  document.addEventListener("htmx:beforeRequest", function (e) {
    var form = formAktivitas(e);
    if (!form || navigator.onLine || !PENGGUNA) return;
    e.preventDefault();
    antrekan(form);
  });
  // No answer at all (the connection dropped, perhaps after the server stored it): the entry
  // goes to the queue with the same key, so sending it again cannot make a second row.
  document.addEventListener("htmx:sendError", function (e) {
    var form = formAktivitas(e);
    // After aktivitas.js has shown its "press Simpan again" note, which the queue replaces.
    if (form && PENGGUNA) {
      setTimeout(function () {
        antrekan(form);
      }, 0);
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    tampilkan();
  });

  document.addEventListener("click", function (e) {
    var tombol = e.target.closest && e.target.closest("[data-antrean] [data-aksi]");
    if (!tombol) return;
    var id = parseInt(tombol.closest("[data-id]").getAttribute("data-id"), 10);
    if (tombol.getAttribute("data-aksi") === "buang") {
      if (!window.confirm(teks("teksBuang"))) return;
      hapus(id).then(function () {
        return tampilkan();
      });
    } else {
      perbaiki(id);
    }
  });

  // A refused entry goes back into the form with the server's messages, and leaves the queue.
  function perbaiki(id) {
    var form = formHari();
    if (!form) return;
    daftarAntrean().then(function (daftar) {
      var e = daftar.filter(function (x) {
        return x.id === id;
      })[0];
      if (!e) return;
      isiForm(form, e);
      // Never committed (the server refused it): a fresh key is safe, and needed when the key
      // itself was the problem.
      if (form.elements.kunci) form.elements.kunci.value = kunciBaru();
      var pesan = (e.galat || []).map(function (g) {
        return (g.label ? g.label + ": " : "") + g.pesan.join(" ");
      });
      galatForm(form, [teks("teksDiperbaiki")].concat(pesan));
      return hapus(id).then(function () {
        tampilkan();
        form.scrollIntoView();
        if (form.elements.uraian) form.elements.uraian.focus();
      });
    });
  }

  window.addEventListener("online", function () {
    tampilkan("");
    kirimAntrean();
  });
  window.addEventListener("offline", function () {
    tampilkan();
  });
  setInterval(function () {
    if (navigator.onLine) kirimAntrean();
  }, 60000);

  // --- 3. logging out ---------------------------------------------------------------------
  document.addEventListener(
    "submit",
    function (e) {
      var form = e.target;
      if (!PENGGUNA || !KONF.urlKeluar || form.hasAttribute("data-siap-keluar")) return;
      if (new URL(form.action, location.href).pathname !== KONF.urlKeluar) return;
      e.preventDefault();
      daftarAntrean()
        .catch(function () {
          return [];
        })
        .then(function (daftar) {
          if (daftar.length && !window.confirm(KONF.teksKeluar.replace("{n}", daftar.length))) {
            return;
          }
          var bersih = [kosongkan()];
          if (window.caches) bersih.push(caches.delete(HALAMAN));
          return Promise.all(bersih)
            .catch(function () {
              return null;
            })
            .then(function () {
              form.setAttribute("data-siap-keluar", "");
              form.submit();
            });
        });
    },
    true
  );

  // --- 4. the install hint (home page, phones) ---------------------------------------------
  var tawaran = null;
  var TUTUP = "ekinerja-pasang-ditutup";
  function mandiri() {
    return window.matchMedia("(display-mode: standalone)").matches || navigator.standalone;
  }
  function ponsel() {
    return window.matchMedia("(pointer: coarse) and (max-width: 900px)").matches;
  }
  function iphone() {
    return /iphone|ipad|ipod/i.test(navigator.userAgent);
  }
  function tunjukkanPasang() {
    var kartu = document.querySelector("[data-pasang]");
    if (!kartu || mandiri() || !ponsel() || localStorage.getItem(TUTUP)) return;
    if (!tawaran && !iphone()) return;
    kartu.hidden = false;
    kartu.querySelector("[data-pasang-tombol]").hidden = !tawaran;
    kartu.querySelector("[data-pasang-ios]").hidden = !!tawaran;
  }
  window.addEventListener("beforeinstallprompt", function (e) {
    e.preventDefault();
    tawaran = e;
    tunjukkanPasang();
  });
  document.addEventListener("click", function (e) {
    var kartu = e.target.closest && e.target.closest("[data-pasang]");
    if (!kartu) return;
    if (e.target.closest("[data-pasang-tombol]") && tawaran) {
      tawaran.prompt();
      tawaran.userChoice.then(function () {
        kartu.hidden = true;
        tawaran = null;
      });
    } else if (e.target.closest("[data-pasang-tutup]")) {
      localStorage.setItem(TUTUP, "1");
      kartu.hidden = true;
    }
  });

  // --- on every page open -----------------------------------------------------------------
  var form = formHari();
  // A page from the worker's cache carries a key that may have been used already.
  if (form && form.elements.kunci) form.elements.kunci.value = kunciBaru();
  tunjukkanPasang();
  tampilkan();
  if (navigator.onLine) kirimAntrean();
})();
