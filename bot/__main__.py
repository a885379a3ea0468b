"""`python -m bot` runs the `lotse` command."""

from bot.cli import main

raise SystemExit(main())
