from thanklint.cli import main

raise SystemExit(main())
