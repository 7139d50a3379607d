"""`python -m microshort.demo`: load the demo catalogue (does nothing when already loaded)."""

from __future__ import annotations

import logging

from microshort.runtime import database


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from microshort.demo.seed import seed_demo

    with database() as url:
        seed_demo(url)


if __name__ == "__main__":
    main()
