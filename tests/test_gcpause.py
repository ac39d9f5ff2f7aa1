import gc
import threading

from tuoyu_desktop import gcpause


def test_pauses_nest_and_the_collector_comes_back_after_the_last_one():
    assert gc.isenabled()
    with gcpause.paused():
        assert not gc.isenabled()
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_switches_the_collector_back_on():
    try:
        with gcpause.paused():
            raise ValueError("bad row")
    except ValueError:
        pass
    assert gc.isenabled()


def test_pauses_from_two_threads_end_when_both_have_ended():
    inside, release = threading.Event(), threading.Event()

    def worker():
        with gcpause.paused():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=worker)
    gcpause.pause()
    t.start()
    inside.wait(10)
    gcpause.resume()
    assert not gc.isenabled()  # the worker's pause still holds
    release.set()
    t.join(10)
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off():
    gc.disable()
    try:
        with gcpause.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
