"""The decoder pool: lazy, bounded, reusing, and safe across threads."""

import threading
import time

import pytest
from learncore_sphinx.decoding import DecoderPool


class FakeDecoder:
    pass


def test_decoders_are_built_on_demand_and_reused() -> None:
    built: list[FakeDecoder] = []

    def factory() -> FakeDecoder:
        built.append(FakeDecoder())
        return built[-1]

    pool = DecoderPool(factory, size=3)  # type: ignore[arg-type]
    assert pool.created == 0
    with pool.decoder() as first:
        pass
    with pool.decoder() as second:
        pass
    assert first is second
    assert len(built) == 1


def test_no_more_than_size_decoders_and_never_one_shared_by_two_threads() -> None:
    pool = DecoderPool(FakeDecoder, size=2)  # type: ignore[arg-type]
    in_use: set[int] = set()
    clashes: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(20):
            with pool.decoder() as decoder:
                with lock:
                    if id(decoder) in in_use:
                        clashes.append(id(decoder))
                    in_use.add(id(decoder))
                time.sleep(0.001)
                with lock:
                    in_use.discard(id(decoder))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not clashes
    assert pool.created == 2


def test_a_failing_factory_does_not_use_up_the_pool() -> None:
    attempts = []

    def flaky() -> FakeDecoder:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("model missing")
        return FakeDecoder()

    pool = DecoderPool(flaky, size=1)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="model missing"), pool.decoder():
        pass
    with pool.decoder() as decoder:
        assert isinstance(decoder, FakeDecoder)
    assert pool.created == 1


def test_a_pool_needs_at_least_one_decoder() -> None:
    with pytest.raises(ValueError, match="at least one"):
        DecoderPool(FakeDecoder, size=0)  # type: ignore[arg-type]
