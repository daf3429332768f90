try:
    from thanklint.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still starting: the same one line as later on
    import sys

    sys.stderr.write("thanklint: interrupted\n")
    raise SystemExit(130) from None

raise SystemExit(main())
