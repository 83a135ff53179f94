"""Teller Desk. `python main.py --help` lists the subcommands; none opens the desk."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
