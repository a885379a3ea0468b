"""Understanding a family's message: language, crisis, needs, place and child's age.

Pure: imports no Telegram, Rasa or SQLAlchemy code.
"""
