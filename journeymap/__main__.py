"""``python -m journeymap`` runs the same command line as the ``journeymap`` script."""

from journeymap.app.cli import main

raise SystemExit(main())
