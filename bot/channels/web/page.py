"""The chat page: server-rendered in the visitor's language, no inline script or style."""

from __future__ import annotations

import json
from html import escape

from bot.channels.web.chat import direction

PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="stylesheet" href="/static/chat.css">
<script src="/static/chat.js" defer></script>
</head>
<body class="{body_class}">
<main id="chat" data-network="{network}" data-lang="{lang}" data-labels="{labels}">
<h1 id="title">{title}</h1>
<div id="log" role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="title"
 tabindex="0"></div>
<form id="composer" autocomplete="off">
<label for="message" id="message-label">{message}</label>
<div class="row">
<textarea id="message" name="message" rows="2" maxlength="4096" dir="auto"></textarea>
<button type="submit" id="send">{send}</button>
</div>
</form>
<nav class="tools" aria-label="{title}">
<button type="button" id="language">{language}</button>
<button type="button" id="privacy">{privacy}</button>
<button type="button" id="delete">{delete}</button>
</nav>
</main>
</body>
</html>
"""


def chat_page(language: str, labels: dict[str, str], network: str, embedded: bool) -> str:
    """The whole page; the script reads the labels and the network from `#chat`."""
    return PAGE.format(
        lang=escape(language),
        dir=direction(language),
        title=escape(labels["title"]),
        message=escape(labels["message"]),
        send=escape(labels["send"]),
        language=escape(labels["language"]),
        privacy=escape(labels["privacy"]),
        delete=escape(labels["delete"]),
        network=escape(network),
        labels=escape(json.dumps(labels, ensure_ascii=False)),
        body_class="embedded" if embedded else "page",
    )
