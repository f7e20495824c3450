"""Run functions in threads released at the same instant (the PostgreSQL concurrency tests:
row locks must let exactly one transition through)."""

from __future__ import annotations

import threading

from django.core.exceptions import ValidationError
from django.db import connections


def bersamaan(*fungsi) -> list[object]:
    """Each function's return value, or the ``ValidationError`` it was refused with."""
    mulai = threading.Barrier(len(fungsi))
    hasil: list[object] = [None] * len(fungsi)

    def jalankan(i, f):
        try:
            mulai.wait(timeout=5)
            hasil[i] = f()
        except ValidationError as exc:
            hasil[i] = exc
        finally:
            connections.close_all()

    utas = [threading.Thread(target=jalankan, args=(i, f)) for i, f in enumerate(fungsi)]
    for t in utas:
        t.start()
    for t in utas:
        t.join(15)
    return hasil


def bersamaan_bernama(**fungsi) -> dict[str, object]:
    """By name: "ok", or the ``ValidationError`` that function was refused with."""
    hasil = bersamaan(*fungsi.values())
    return {
        nama: h if isinstance(h, ValidationError) else "ok"
        for nama, h in zip(fungsi, hasil, strict=True)
    }
