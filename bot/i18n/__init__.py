"""Replies in the user's language: gettext catalogs, language names, text direction."""
