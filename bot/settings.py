"""Settings, read from the environment (prefix `LOTSE_`) in this one place.

Every field here is documented in the README's settings table; a test fails otherwise.
"""

from __future__ import annotations

import secrets
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
    locales_dir: Path = Field(
        default=PROJECT_ROOT / "locales",
        description="gettext catalogs, locales/<lang>/LC_MESSAGES/messages.po.",
    )
    secret_key: str | None = Field(
        default=None,
        description="Key for pseudonymising user ids (HMAC). Default: a random key kept in "
        "the data dir. Set it in production and keep it secret.",
    )
    conversation_days: int = Field(default=30, ge=1, description="Days a conversation is kept.")
    handoff_days: int = Field(default=90, ge=1, description="Days a hand-off request is kept.")
    question_days: int = Field(
        default=180, ge=1, description="Days an unanswered question is kept for review."
    )
    handoff_reminder_days: float = Field(
        default=2.0,
        gt=0,
        description="Working days a hand-off may wait unclaimed before its network's "
        "coordinators' chat gets a reminder.",
    )
    telegram_token: str | None = Field(
        default=None, description="Token of the Telegram bot (from @BotFather); secret."
    )
    telegram_api_url: str | None = Field(
        default=None,
        description="Another Bot API server, e.g. http://127.0.0.1:8081/bot (self-hosted).",
    )
    telegram_workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Processes that handle turns for `lotse telegram` (1: threads of one "
        "process; each further process needs about 150 MB).",
    )
    telegram_username: str | None = Field(
        default=None, description="The bot's username, for invitation links (`lotse invite`)."
    )
    telegram_secret: str | None = Field(
        default=None,
        description="Secret token Telegram sends with every webhook request (403 otherwise).",
    )
    console_secure_cookies: bool = Field(
        default=True,
        description="Send the console's cookies only over HTTPS (false only for a console "
        "reached on this machine without TLS).",
    )
    console_session_hours: int = Field(
        default=8, ge=1, le=72, description="Hours a console login lasts."
    )
    offer_fresh_months: int = Field(
        default=12, ge=1, description="Months after which an offer is listed as to be checked."
    )
    report_min_count: int = Field(
        default=5, ge=1, description="Counts below this are suppressed in reports."
    )
    web_embed_origins: str = Field(
        default="",
        description="Origins (space or comma separated, e.g. `https://www.gummersbach.de`) "
        "whose pages may embed the web chat (CSP frame-ancestors); empty: only its own.",
    )
    web_session_turns: int = Field(
        default=20, ge=1, description="Messages one web chat may send per minute."
    )
    web_address_turns: int = Field(
        default=120,
        ge=1,
        description="Messages all web chats of one client address may send "
        "per minute (families behind one router share it).",
    )
    log_level: str = Field(default="WARNING", description="Python logging level.")

    def effective_secret(self) -> str:
        """The pseudonymisation key; created once in the data dir when not set."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret.key"
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32), encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()

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
