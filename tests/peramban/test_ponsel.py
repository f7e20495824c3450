"""Every page of every demo role at 360×740 (issue 16 point 4).

Each role logs in through the real form (both steps), then opens every entry of its menu (read
from the rendered navigation), the header's pages (notifications, profile) and the detail pages
reached daily from them (the day page, an SKP, a rating, the review of a subordinate's SKP ...:
the first link of each kind found on the pages already opened). On each page:

- nothing scrolls sideways: ``document.documentElement.scrollWidth <= 360`` (a failure names the
  page and the widest element that breaks out of the screen); a table wider than the screen
  scrolls inside its own box with its first column fixed;
- every tap target (buttons, menu links, selects, disclosure summaries, the labels of
  checkboxes) is at least 44 × 44 px;
- axe-core (the copy bundled by ``axe-playwright-python``, injected by the test: no CDN) finds no
  critical or serious violation (each reported with its rule id, page and node).

And the ASN's day page shows the entry form first: no button stands between the header and the
form, whose first field is on the first screen.

All pages are opened and every problem is collected before the test fails, so one run lists
everything. ``EKINERJA_LAPORAN_PONSEL=<file>`` writes the width of every page checked
and the problems found (JSON).
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT
from django.utils import timezone

from aktivitas.models import Aktivitas
from ekinerja.demo.organisasi import NIP_ADMIN, NIP_ASN, NIP_ATASAN, NIP_OPERATOR, NIP_SUPERUSER
from tests.peramban.conftest import masuk

LEBAR = 360
SASARAN = 44

PERAN = [
    ("ASN", NIP_ASN),
    ("atasan", NIP_ATASAN),
    ("operator", NIP_OPERATOR),
    ("admin instansi", NIP_ADMIN),
    ("superuser", NIP_SUPERUSER),
]

# Detail pages reached daily, by the path of a link found on a page already opened: the first
# link of each kind is opened too (a query string is allowed after the path).
RINCIAN = [
    ("hari lain", re.compile(r"^/aktivitas/\?(.*&)?tanggal=\d{4}-\d\d-\d\d$")),
    ("ubah aktivitas", re.compile(r"^/aktivitas/\d+/ubah/(\?.*)?$")),
    ("ringkasan minggu", re.compile(r"^/aktivitas/minggu/")),
    ("ringkasan bulan", re.compile(r"^/aktivitas/bulan/")),
    ("rencana aksi", re.compile(r"^/aktivitas/rencana-aksi/")),
    ("umpan balik", re.compile(r"^/aktivitas/tinjau/umpan-balik/\d+/(\?.*)?$")),
    ("rincian SKP", re.compile(r"^/skp/\d+/(\?.*)?$")),
    ("tinjau SKP bawahan", re.compile(r"^/skp/persetujuan/\d+/(\?.*)?$")),
    ("isi penilaian", re.compile(r"^/penilaian/nilai/\d+/\d+/(\?.*)?$")),
    ("rincian penilaian", re.compile(r"^/penilaian/\d+/(\?.*)?$")),
    ("rincian keberatan", re.compile(r"^/penilaian/keberatan/\d+/(\?.*)?$")),
    ("kurva unit", re.compile(r"^/penilaian/kurva/unit/\d+/(\?.*)?$")),
    ("rincian pemantauan", re.compile(r"^/pemantauan/rincian/[\w-]+/(\?.*)?$")),
    ("rincian pegawai", re.compile(r"^/pegawai/\d+/(\?.*)?$")),
    ("kelola pegawai", re.compile(r"^/kelola/pegawai/\d+/(\?.*)?$")),
    ("rekap TPP pegawai", re.compile(r"^/penilaian/tpp/rekap/\d+/(\?.*)?$")),
    ("dua langkah", re.compile(r"^/akun/dua-langkah/(\?.*)?$")),
    ("sesi", re.compile(r"^/akun/sesi/(\?.*)?$")),
]

JS_LEBAR = r"""() => {
  const vw = document.documentElement.clientWidth;
  const lebar = document.documentElement.scrollWidth;
  // a table box that scrolls keeps its first column in place
  const lepas = [...document.querySelectorAll('.table-wrap')].filter(w =>
    w.scrollWidth > w.clientWidth + 1 && w.checkVisibility()
    && getComputedStyle(w.querySelector('tr > :first-child')).position !== 'sticky')
    .map(w => (w.querySelector('th') || w).innerText.trim().slice(0, 30));
  if (lebar <= vw) return {lebar, elemen: [], lepas};
  const nama = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const terpotong = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const calon = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 0.5 && el.checkVisibility() && !terpotong(el)) calon.push(el);
  }
  const set = new Set(calon);
  const luar = calon.filter(el => !set.has(el.parentElement));
  luar.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  return {lebar, lepas, elemen: luar.slice(0, 3).map(
    el => nama(el) + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)')};
}"""

# Tap targets: controls, menu links, disclosure summaries and the labels of checkboxes/radios
# (a checkbox inside a label, or named by one, is tapped through its label).
JS_SASARAN = r"""(min) => {
  const nama = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '') + ' "'
    + (el.getAttribute('aria-label') || (el.tagName === 'SELECT' ? el.name : el.innerText)
       || el.value || '')
      .replace(/\s+/g, ' ').trim().slice(0, 30) + '"';
  const pilih = 'button, .btn, input[type=submit], input[type=button], select, summary, '
    + 'nav a, .akun-menu a, .paging a, '
    + 'label:has(input[type=checkbox]), label:has(input[type=radio]), '
    + 'input[type=checkbox], input[type=radio]';
  const kecil = [];
  for (const el of document.querySelectorAll(pilih)) {
    let t = el;
    if (el.matches('input[type=checkbox], input[type=radio]')) {
      t = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
    }
    const r = t.getBoundingClientRect();
    // not rendered (a closed disclosure's content), visually hidden, or off screen (skip link)
    if (r.width <= 1 || r.height <= 1 || r.right <= 0) continue;
    if (!t.checkVisibility({visibilityProperty: true})) continue;
    if (r.height < min - 0.5 || r.width < min - 0.5) {
      kecil.push(nama(t) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
    }
  }
  return [...new Set(kecil)];
}"""

# Critical and serious violations; and text whose colour is its background's (axe leaves a 1:1
# contrast "to review", as if the text were meant to be hidden: here it never is).
JS_AXE = r"""() => axe.run(document).then(r => r.violations
  .filter(v => v.impact === 'critical' || v.impact === 'serious')
  .concat(r.incomplete.filter(v => v.id === 'color-contrast').map(v => ({...v, impact: 'serious',
    nodes: v.nodes.filter(n => n.any.some(c => / 1:1 /.test(c.message)))}))
    .filter(v => v.nodes.length))
  .map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""


def _path(url: str) -> str:
    u = urlsplit(url)
    return u.path + (f"?{u.query}" if u.query else "")


def _periksa(h, nama: str, laporan: dict, masalah: list[str]) -> None:
    h.wait_for_load_state("load")
    ukur = h.evaluate(JS_LEBAR)
    laporan[nama] = ukur["lebar"]
    if ukur["lebar"] > LEBAR:
        masalah.append(f"{nama}: lebar {ukur['lebar']} px > {LEBAR}; {', '.join(ukur['elemen'])}")
    if ukur["lepas"]:
        masalah.append(f"{nama}: kolom pertama tabel bergulir tidak tetap: {ukur['lepas']}")
    kecil = h.evaluate(JS_SASARAN, SASARAN)
    if kecil:
        masalah.append(f"{nama}: sasaran ketuk < {SASARAN} px: {'; '.join(kecil[:6])}")
    h.evaluate(AXE_SCRIPT)
    for v in h.evaluate(JS_AXE):
        masalah.append(f"{nama}: axe {v['id']} ({v['impact']}) pada {' | '.join(v['nodes'])}")


def _tautan(h, asal: str) -> list[str]:
    hrefs = h.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
    return [_path(x) for x in hrefs if x.startswith(asal)]


def _hari_terakhir(nip: str):
    return (
        Aktivitas.objects.filter(pegawai__nip=nip, tanggal__lte=timezone.localdate())
        .order_by("-tanggal")
        .values_list("tanggal", flat=True)
        .first()
    )


def _periksa_hari(h, masalah: list[str]) -> bool:
    """On the ASN's day page the entry form comes first: no visible button of the page above the
    form's card (a collapsed menu's summary is allowed), its first field on the first screen."""
    hasil = h.evaluate(
        """() => {
      const form = document.querySelector('form[data-form-aktivitas]');
      const kartu = form.closest('section') || form;
      const atas = kartu.getBoundingClientRect().top;
      // the site-wide banners and messages are not the page's own buttons
      const tombol = [...document.querySelectorAll('#isi .btn, #isi button')].filter(el => {
        const r = el.getBoundingClientRect();
        return r.height > 1 && r.bottom <= atas && !kartu.contains(el) && el.checkVisibility()
          && !el.closest('.spanduk, .pesan');
      }).map(el => el.innerText.trim());
      const isian = form.querySelector('input:not([type=hidden]), select, textarea');
      return {tombol, bawah: isian.getBoundingClientRect().bottom, layar: innerHeight};
    }"""
    )
    if hasil["tombol"]:
        masalah.append(f"hari ASN: tombol di atas formulir isian: {hasil['tombol']}")
    if hasil["bawah"] > hasil["layar"]:
        masalah.append(
            f"hari ASN: isian pertama di luar layar pertama ({hasil['bawah']:.0f} px > "
            f"{hasil['layar']} px)"
        )
    return True


def test_setiap_halaman_setiap_peran_pas_di_ponsel_dan_lulus_axe(demo, buka):
    masalah: list[str] = []
    laporan: dict[str, int] = {}
    hanya = os.environ.get("EKINERJA_PONSEL_PERAN")  # while fixing: one role, e.g. "atasan"
    hari_diperiksa = False
    for peran, nip in PERAN:
        if hanya and peran != hanya:
            continue
        h = buka("ponsel")
        if not laporan:  # the login page, once
            h.goto(demo + "/masuk/")
            _periksa(h, "masuk /masuk/", laporan, masalah)
        masuk(h, demo, nip)
        menu = h.locator("#menu-utama a[data-menu]").evaluate_all(
            "els => els.map(e => [e.dataset.menu, e.href])"
        )
        kepala = h.locator("header.topbar a[href], .akun-menu a[href]").evaluate_all(
            "els => els.map(e => e.href)"
        )
        if not menu:
            masalah.append(f"{peran}: tidak ada menu setelah masuk ({h.url})")
        halaman = [(nama, _path(url)) for nama, url in menu]
        halaman += [(_path(url), _path(url)) for url in kepala]
        if hari := _hari_terakhir(nip):  # a day with activities: its rows, their edit page
            halaman.append(("hari berisi aktivitas", f"/aktivitas/?tanggal={hari:%Y-%m-%d}"))
        dibuka: set[str] = set()
        rincian_dibuka: set[str] = set()
        calon: list[str] = []
        i = 0
        while i < len(halaman):
            nama, path = halaman[i]
            i += 1
            if path in dibuka:
                continue
            dibuka.add(path)
            respons = h.goto(demo + path)
            label = f"{peran} {nama} {path}"
            if respons is None or respons.status >= 400:
                masalah.append(f"{label}: status {respons and respons.status}")
                continue
            _periksa(h, label, laporan, masalah)
            if peran == "ASN" and nama == "aktivitas_harian":
                hari_diperiksa = _periksa_hari(h, masalah)
            calon += _tautan(h, demo)
            for jenis, pola in RINCIAN:
                if jenis in rincian_dibuka:
                    continue
                cocok = next((p for p in calon if pola.match(p)), None)
                if cocok:
                    rincian_dibuka.add(jenis)
                    halaman.append((jenis, cocok))
    if tujuan := os.environ.get("EKINERJA_LAPORAN_PONSEL"):
        with open(tujuan, "w") as f:
            json.dump({"lebar": laporan, "masalah": masalah}, f, indent=1, ensure_ascii=False)
    assert hanya or len(laporan) >= 100, sorted(laporan)
    assert hanya or hari_diperiksa, "halaman hari ASN tidak terbuka dari menunya"
    assert not masalah, f"{len(masalah)} masalah di 360 px:\n" + "\n".join(masalah)
