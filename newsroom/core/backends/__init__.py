"""Django's database and cache backends, with two per-request costs removed (see each module)."""
