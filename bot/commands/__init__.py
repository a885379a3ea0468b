"""Sub-commands of `lotse`, one module per topic; each has `register(subparsers)`."""
