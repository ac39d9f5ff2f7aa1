"""托育机构办公系统: with no arguments the window opens; otherwise a subcommand runs."""
import sys

from tuoyu_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
