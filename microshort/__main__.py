"""`python -m microshort [run|migrate|stop-db|backup|restore]`."""

import sys

from microshort.launcher import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
