"""Home-page cards of the appraisal (registered with ``pegawai.beranda``)."""
