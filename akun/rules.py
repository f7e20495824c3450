"""Pure rules of the account pages: what a user agent and an address say about a device,
who must use the second step, and how long a session lives (no ORM, no request)."""

from __future__ import annotations

import ipaddress
import re

#: A session opened on a shared computer ends after this much idle time.
IDLE_KOMPUTER_BERSAMA_DETIK = 30 * 60
#: The bounds of the instansi's session length, in hours.
LAMA_SESI_MIN_JAM = 1
LAMA_SESI_MAKS_JAM = 24 * 7

# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
_PERAMBAN = (
    ("Edge", re.compile(r"Edg(e|A|iOS)?/")),
    ("Opera", re.compile(r"OPR/|Opera")),
    ("Samsung Internet", re.compile(r"SamsungBrowser/")),
    ("Firefox", re.compile(r"Firefox/|FxiOS/")),
    ("Chrome", re.compile(r"Chrome/|CriOS/|Chromium/")),
    ("Safari", re.compile(r"Safari/")),
)
_SISTEM = (
    ("Android", re.compile(r"Android")),
    ("iPhone", re.compile(r"iPhone")),
    ("iPad", re.compile(r"iPad")),
    ("Windows", re.compile(r"Windows")),
    ("macOS", re.compile(r"Mac OS X|Macintosh")),
    ("ChromeOS", re.compile(r"CrOS")),
    ("Linux", re.compile(r"Linux")),
)


def ringkas_user_agent(user_agent: str) -> tuple[str, str]:
    """(browser, system) of a User-Agent header, "" for what is not recognised.

    Only the families: versions change every month and would make every update of the
    browser look like a new device."""
    ua = user_agent or ""
    peramban = next((nama for nama, pola in _PERAMBAN if pola.search(ua)), "")
    sistem = next((nama for nama, pola in _SISTEM if pola.search(ua)), "")
    return peramban, sistem


def jaringan_ip(ip: str | None) -> str:
    """The network an address belongs to (IPv4 /24, IPv6 /48): a home or office connection
    keeps it while the last part of the address changes.  "" for no or a broken address."""
    if not ip:
        return ""
    try:
        alamat = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    panjang = 24 if alamat.version == 4 else 48
    return str(ipaddress.ip_network(f"{alamat}/{panjang}", strict=False))


def ip_klien(remote_addr: str | None, forwarded_for: str | None, proksi_tepercaya: int) -> str:
    """The client's address: REMOTE_ADDR, or behind ``proksi_tepercaya`` reverse proxies of our
    own the address the outermost of them saw (X-Forwarded-For read from the right, so a value
    the client wrote itself at the left is never believed)."""
    if proksi_tepercaya > 0 and forwarded_for:
        bagian = [b.strip() for b in forwarded_for.split(",") if b.strip()]
        if len(bagian) >= proksi_tepercaya:
            return bagian[-proksi_tepercaya]
    return remote_addr or ""


def perangkat_baru(
    perangkat: tuple[str, str], dikenal: set[tuple[str, str]], pernah_masuk: bool
) -> bool:
    """A login from (device summary, network) never seen before for this user.  The first
    login of all is not "new": there is nothing yet to compare it with."""
    return pernah_masuk and perangkat not in dikenal


def wajib_dua_langkah(
    *, superuser: bool, admin: bool, operator: bool, atasan: bool, atasan_diwajibkan: bool
) -> bool:
    """The second step is required for those who manage others' data; for an atasan when his
    instansi says so; optional for everyone else."""
    return superuser or admin or operator or (atasan and atasan_diwajibkan)


# --- what the session keeps (names of its keys) ---------------------------------------------
#: The session passed the second step (or needs none, see ``TAHAP``).
SESI_LOLOS = "akun_lolos_dua_langkah"
#: [tahap, epoch seconds] — what the second step still asks of this session, and when decided.
SESI_TAHAP = "akun_tahap_dua_langkah"
#: The SesiPengguna row of this session and the RiwayatMasuk row of its password step.
SESI_BARIS = "akun_sesi"
SESI_MASUK = "akun_riwayat_masuk"
#: Epoch seconds of the last request (kept for a shared computer's session only), of the last
#: "last active" written to its SesiPengguna row, and the shared computer's marker.
SESI_AKTIF = "akun_aktif"
SESI_DISENTUH = "akun_disentuh"
SESI_BERSAMA = "akun_komputer_bersama"

#: What the second step asks of a logged-in session.
TAHAP_BEBAS = "bebas"  # nothing (no device, not required)
TAHAP_VERIFIKASI = "verifikasi"  # a code from his device
TAHAP_SETEL = "setel"  # required, but no device yet: set one up first

#: How often a session's decision and its "last active" time are refreshed.
CEK_ULANG_TAHAP_DETIK = 10 * 60
SENTUH_SESI_DETIK = 60


def tahap_dua_langkah(*, punya_perangkat: bool, wajib: bool) -> str:
    """A user with a device always gives a code; one who must and has none sets one up."""
    if punya_perangkat:
        return TAHAP_VERIFIKASI
    return TAHAP_SETEL if wajib else TAHAP_BEBAS
