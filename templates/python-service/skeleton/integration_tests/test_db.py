"""Integration tests against a real PostgreSQL (CI: the postgres service
container of the integration-tests job; locally: any server reachable
through the PG* variables)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.db import Error, GreetingStore


@pytest.fixture(scope="module")
def store() -> GreetingStore:
    s = GreetingStore()
    s.migrate()
    s.migrate()  # idempotent
    return s


def test_ping(store: GreetingStore) -> None:
    assert store.ping() is True


def test_counts_greetings_per_name(store: GreetingStore) -> None:
    name = f"it-{time.time_ns()}"
    assert store.record_greeting(name) == 1
    assert store.record_greeting(name) == 2
    assert store.record_greeting(f"{name}-other") == 1


def test_concurrent_greetings_are_each_counted_once(store: GreetingStore) -> None:
    name = f"race-{time.time_ns()}"
    with ThreadPoolExecutor(max_workers=10) as pool:
        counts = list(pool.map(lambda _: store.record_greeting(name), range(10)))
    assert sorted(counts) == list(range(1, 11))


def test_refuses_names_the_schema_does_not_allow(store: GreetingStore) -> None:
    with pytest.raises(Error, match="greetings_name_check"):
        store.record_greeting("")
    with pytest.raises(Error, match="greetings_name_check"):
        store.record_greeting("x" * 65)


def test_unreachable_database_does_not_answer() -> None:
    unreachable = GreetingStore({"host": "127.0.0.1", "port": 1, "user": "nobody"})
    assert unreachable.ping() is False
