"""The web chat: families without Telegram write to Lotse from their town's website.

`lotse web` serves `/chat` (a page of its own, for QR codes), `/embed.js` (one line on a
municipality's page opens the chat in an iframe) and a JSON API that drives the same
`ConversationService` as every channel, as channel "web". See `app.py` for the routes,
`chat.py` for one turn, `limits.py` for the rate limits and `mailbox.py` for messages
that arrive later (a coordinator's answer).
"""
