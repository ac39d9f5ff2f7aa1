"""托育机构办公系统: with no arguments the window opens; otherwise a subcommand runs."""
import gc
import sys

from tuoyu_desktop.cli import main

if __name__ == "__main__":
    code = main()
    # Everything is written and closed: the collector's last full pass at exit would only look over
    # every object of the libraries once more (a tenth of a second after a report); skip it.
    gc.freeze()
    sys.exit(code)
