"""Phone metadata is loaded whole before Python functions run on DuckDB's worker threads:
phonenumbers' lazy per-region load hands ``None`` to a second thread asking while it loads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import phonenumbers

from seamguard.phone_metadata import load_phone_metadata


def test_every_region_is_loaded_and_threads_parse_at_once() -> None:
    load_phone_metadata()
    load_phone_metadata()  # once per process; a second call is free
    pending = [region for region, loader in
               phonenumbers.PhoneMetadata._region_available.items() if loader is not None]
    assert pending == []
    samples = [("+8613812345678", None), ("+14155552671", None), ("+85291234567", None),
               ("+4915112345678", None), ("+819012345678", None), ("0212345678", "FR")]

    def parse(item: tuple[str, str | None]) -> int:
        number = phonenumbers.parse(*item)
        return int(phonenumbers.is_valid_number(number)) and number.country_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(parse, samples * 20))
    assert sorted(set(codes)) == [1, 33, 49, 81, 86, 852]


def test_a_reconciliation_registers_its_python_rules_after_loading_them() -> None:
    import inspect

    from seamguard.quality import reconcile_compare

    source = inspect.getsource(reconcile_compare._python_field)
    assert source.index("load_phone_metadata()") < source.index("create_function(")
