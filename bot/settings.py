"""Settings, read from the environment (prefix `LOTSE_`) in this one place.

Every field here is documented in the README's settings table; a test fails otherwise.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Lotse's settings; each maps to an environment variable `LOTSE_<NAME>`."""

    model_config = SettingsConfigDict(env_prefix="LOTSE_", extra="ignore")

    data_dir: Path = Field(
        default_factory=lambda: user_data_path("lotse", appauthor=False),
        description="Folder for the embedded SQLite database and caches.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: SQLite file `lotse.db` in the data dir. "
        "PostgreSQL: `postgresql+psycopg://user@host/db`.",
    )
    offers_dir: Path = Field(
        default=PROJECT_ROOT / "offers_data",
        description="Curated offer files loaded into an empty database on first start.",
    )
    intents_dir: Path = Field(
        default=PROJECT_ROOT / "intents",
        description="Training data of the need recogniser (Rasa NLU YAML per language).",
    )
    log_level: str = Field(default="WARNING", description="Python logging level.")

    @property
    def model_cache_dir(self) -> Path:
        """Where trained recogniser weights are cached."""
        return self.data_dir / "nlu-cache"

    @property
    def effective_database_url(self) -> str:
        """The database URL, defaulting to the SQLite file in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'lotse.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the settings once per process."""
    return Settings()
