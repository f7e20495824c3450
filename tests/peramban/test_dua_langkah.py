"""The demo admin's first login on a phone: the set-up page with its QR code, the first code,
the recovery codes, and then the home page — with no Content-Security-Policy refusal."""

import re
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ekinerja.demo.organisasi import DEMO_SANDI, NIP_ADMIN
from pegawai.models import Pegawai


def test_admin_menyiapkan_dua_langkah_di_ponsel(demo, buka):
    h = buka("ponsel")
    tolak_csp = []
    h.on("console", lambda m: "Content Security Policy" in m.text and tolak_csp.append(m.text))
    h.goto(f"{demo}/masuk/")
    h.fill("input[name=username]", NIP_ADMIN)
    h.fill("input[name=password]", DEMO_SANDI)
    h.click("button[type=submit]")
    h.wait_for_url(f"{demo}/akun/dua-langkah/setel/**")
    qr = h.locator("img[src^='data:image/svg+xml']")
    assert qr.evaluate("i => i.complete && i.naturalWidth > 0")
    # The menu's pages are closed until the step is done.
    h.goto(f"{demo}/kelola/pegawai/")
    h.wait_for_url(f"{demo}/akun/dua-langkah/setel/**")

    rahasia = h.locator("code").first.inner_text().replace(" ", "")
    kunci = b32decode(rahasia + "=" * (-len(rahasia) % 8))
    assert kunci == TOTPDevice.objects.get(user=Pegawai.objects.get(nip=NIP_ADMIN)).bin_key
    h.fill("input[name=kode]", f"{TOTP(kunci).token():06d}")
    h.click("form.form button.btn-primary")
    h.get_by_text("Verifikasi dua langkah aktif.").wait_for()
    kode = h.locator("main li code").all_inner_texts()
    assert len(kode) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", k) for k in kode)
    h.get_by_text("Sudah saya simpan, lanjutkan").click()
    h.wait_for_url(f"{demo}/kelola/pegawai/")
    assert not tolak_csp, tolak_csp
