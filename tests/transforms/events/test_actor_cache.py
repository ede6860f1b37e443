"""person_like is cached (issue #16, speed): the cached answers are the function's own, and a name asked again
is answered from the cache instead of looked up in the place and nationality tables again."""

from transforms.events.actors import person_like

NAMES = ["Donald Trump", "Lee Jae-myung", "Rapid Support Forces", "South Korea", "Kenyan", "Trump", "UN", "Hazem Qassem"]


def test_cached_answers_are_the_functions_own():
    uncached = person_like.__wrapped__
    for name in NAMES:
        for shortest in (1, 2):
            assert person_like(name, shortest) == uncached(name, shortest), (name, shortest)
    assert person_like("Donald Trump") and not person_like("South Korea") and not person_like("Rapid Support Forces")


def test_a_name_asked_again_comes_from_the_cache():
    person_like("Ararat Mirzoyan")
    hits = person_like.cache_info().hits
    assert person_like("Ararat Mirzoyan") is True
    assert person_like.cache_info().hits == hits + 1
