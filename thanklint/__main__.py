try:
    from thanklint.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still starting: the same one line as later on
    import os
    import sys

    sys.stderr.write("thanklint: interrupted\n")
    sys.stderr.flush()
    os._exit(130)  # not SystemExit: see cli._exit_interrupted

raise SystemExit(main())
