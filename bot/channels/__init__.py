"""Channel adapters: turn channel input into turns, render replies. No business rules."""
