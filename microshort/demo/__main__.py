"""`python -m microshort.demo`: load the demo catalogue (does nothing when already loaded)."""

from __future__ import annotations

from microshort.config import get_settings
from microshort.logs import configure_logging
from microshort.runtime import database


def main() -> None:
    configure_logging(get_settings())
    from microshort.demo.seed import seed_demo

    with database() as url:
        seed_demo(url)


if __name__ == "__main__":
    main()
