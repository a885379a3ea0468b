"""The pure core: offers, needs, places and ranking. No I/O, no framework imports."""
