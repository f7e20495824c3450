"""Django's PostgreSQL backend, with one difference for partitioned tables (issue 13).

Django groups an aggregate query by the primary key of each model whose key is selected,
relying on PostgreSQL to see every other column as depending on it.  A partitioned table's
key holds the partition column too — ``aktivitas_aktivitas`` has ``(id, tanggal)`` while
Django still calls ``id`` the key — so that dependency does not hold and PostgreSQL refuses
``SELECT … FROM aktivitas_aktivitas … GROUP BY id``.  For a model marked
``TABEL_BERPARTISI = True`` the query groups by every selected column instead, as on any
database without that shortcut.  Settings use this backend for every PostgreSQL URL.
"""

from __future__ import annotations

from django.db.backends.postgresql import base, features


class DatabaseFeatures(features.DatabaseFeatures):
    def allows_group_by_selected_pks_on_model(self, model) -> bool:
        if getattr(model, "TABEL_BERPARTISI", False):
            return False
        return super().allows_group_by_selected_pks_on_model(model)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
