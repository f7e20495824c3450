// The service worker of e-Kinerja.  Served at /sw.js (scope "/") by ekinerja/pwa.py, which
// writes the configuration between the markers below; this file is never loaded from /static/.
//
// - Static files (CSS, JS, icons): kept in a versioned cache at install and answered from it;
//   hashed names (production) never change, unhashed ones (development) are refreshed behind.
// - The day page (/aktivitas/...): asked from the network first; the last good copy of each
//   date is kept, and answers when there is no network.  Any other page asked for without a
//   network is sent to the last day page kept.
// - POST requests are never touched: the day page's offline queue (static/js/luring.js) sends
//   them itself, through the normal endpoint, with their idempotency keys.
// Logging out deletes the kept pages (luring.js).  See docs/luring.md.
"use strict";

var K = /*KONFIGURASI*/ { "versi": "dev", "aset": [], "hari": "/aktivitas/", "statis": "/static/", "berversi": false } /*AKHIR*/;
var ASET = "ekinerja-aset-" + K.versi;
var HALAMAN = "ekinerja-halaman";
var AWALAN_ASET = "ekinerja-aset-";
var TANPA_VARY = { ignoreVary: true };

self.addEventListener("install", function (e) {
  e.waitUntil(
    caches
      .open(ASET)
      .then(function (c) {
        // One missing file must not stop the install: the rest still makes the page work.
        return Promise.all(
          K.aset.map(function (u) {
            return c.add(u).catch(function () {
              return null;
            });
          })
        );
      })
      .then(function () {
        return self.skipWaiting();
      })
  );
});

self.addEventListener("activate", function (e) {
  e.waitUntil(
    caches
      .keys()
      .then(function (nama) {
        return Promise.all(
          nama
            .filter(function (n) {
              return n.indexOf(AWALAN_ASET) === 0 && n !== ASET;
            })
            .map(function (n) {
              return caches.delete(n);
            })
        );
      })
      .then(function () {
        return self.clients.claim();
      })
  );
});

function halamanHari(url) {
  return url.pathname === K.hari;
}

function simpanHalaman(url, resp) {
  // Both the exact URL (that date, that pegawai) and the path alone (the latest day page).
  return caches.open(HALAMAN).then(function (c) {
    return Promise.all([c.put(url.href, resp.clone()), c.put(new URL(K.hari, url).href, resp)]);
  });
}

function navigasi(e, url) {
  return fetch(e.request).then(
    function (resp) {
      // A redirect (to the login page) or an error page is not a day page to keep.
      if (halamanHari(url) && resp.ok && !resp.redirected && resp.type === "basic") {
        e.waitUntil(simpanHalaman(url, resp.clone()));
      }
      return resp;
    },
    function (galat) {
      return caches.open(HALAMAN).then(function (c) {
        return c.match(url.href, TANPA_VARY).then(function (ada) {
          if (ada) return ada;
          return c.match(new URL(K.hari, url).href, TANPA_VARY).then(function (terakhir) {
            if (!terakhir) throw galat;
            return halamanHari(url) ? terakhir : Response.redirect(K.hari, 302);
          });
        });
      });
    }
  );
}

function aset(e) {
  return caches.open(ASET).then(function (c) {
    return c.match(e.request, TANPA_VARY).then(function (ada) {
      if (ada && K.berversi) return ada;
      var segar = fetch(e.request).then(function (resp) {
        if (resp.ok && resp.type === "basic") c.put(e.request, resp.clone());
        return resp;
      });
      if (!ada) return segar;
      e.waitUntil(
        segar.catch(function () {
          return null;
        })
      );
      return ada;
    });
  });
}

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === "navigate") {
    e.respondWith(navigasi(e, url));
  } else if (url.pathname.indexOf(K.statis) === 0) {
    e.respondWith(aset(e));
  }
});
