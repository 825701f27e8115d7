from klu_rules.cli import main

raise SystemExit(main())
