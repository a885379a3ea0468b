"""Texts coordinators read (the `staff` gettext domain, German and English).

Posts in the coordinators' chat, the private message with a family's contact details,
and answers to case buttons and coordinator commands. Families never see these.
The console's own texts (bot/console) share this domain; `locales/staff.cfg` says how
to extract them all.
"""

from __future__ import annotations

from bot.dialogue.messages import Plural


def S_(message: str) -> str:
    """Mark a coordinators' message for extraction into the `staff` catalog."""
    return message


def SP_(singular: str, plural: str) -> Plural:
    """Mark a coordinators' message with plural forms."""
    return Plural(singular, plural)


POST_NEW = S_("New request {reference} · {network}")
POST_NEEDS = S_("Needs: {needs}")
POST_PLACE = S_("Town: {place}")
POST_AGE = SP_("Child: {count} month old", "Child: {count} months old")
POST_NEWBORN = S_("Child: under one month old")
POST_PREGNANT = S_("Pregnant")
POST_LANGUAGE = S_("Language of the family: {language}")
POST_CALL_BACK = S_("Wants a call back ({times})")
POST_ANSWER_IN_CHAT = S_("Wants an answer in the chat ({times})")
POST_RECEIVED = S_("Received: {when}")
POST_CLAIMED = S_("Taken on by {name}")
POST_RESOLVED = S_("Closed by {name}: {outcome}")
POST_REMINDER = S_("Reminder: request {reference} has been waiting for {days} working days.")

TIMES = {
    "morning": S_("mornings"),
    "afternoon": S_("afternoons"),
    "evening": S_("evenings"),
    "any": S_("any time"),
}
OUTCOMES = {
    "reached": S_("reached"),
    "unreachable": S_("not reachable"),
    "referred": S_("referred elsewhere"),
}
BUTTON_CLAIM = S_("Take on")
BUTTON_OUTCOME = {
    "reached": S_("Reached"),
    "unreachable": S_("Not reachable"),
    "referred": S_("Referred elsewhere"),
}
BUTTON_WRITE = S_("Write to the family")

CONTACT_TAKEN = S_("You have taken on request {reference} ({network}).")
CONTACT_PHONE = S_("Phone: {phone} – best time: {times}")
CONTACT_CHAT = S_(
    "The family wants an answer in this chat: tap “Write to the family”. Lotse passes your "
    "words on unchanged – the family reads {language}, so keep them short and simple."
)
CONTACT_UNREACHABLE = S_("The family cannot be reached in the chat any more.")
CONTACT_NO_CHAT = S_(
    "The family asked for an answer in the chat, but wrote through a channel Lotse cannot "
    "write to. Please look for another way in the notes or ask the network."
)
CONTACT_SUMMARY = S_("What the family sent (in German):")
CONTACT_ERASED = S_("Request {reference} is closed; its contact details have been removed.")
FAMILY_ANSWER = S_("Answer of the family to request {reference}:")

CLAIM_DONE = S_(
    "You have taken on {reference}. The contact details are in your private chat with Lotse."
)
CLAIM_DONE_NO_DM = S_(
    "You have taken on {reference}. Please open a private chat with Lotse (/start), so that "
    "I can send you the contact details, and use /cases there."
)
CLAIM_TAKEN = S_("{reference} has already been taken on by {name}.")
CASE_CLOSED = S_("{reference} is already closed.")
CASE_NOT_FOUND = S_("There is no request {reference}.")
FORBIDDEN = S_("Only coordinators of this network can do this.")
RESOLVED_DONE = S_("{reference} closed: {outcome}.")

CASES_NONE = S_("No open requests.")
CASES_HEADER = SP_("{count} open request:", "{count} open requests:")
CASE_LINE = S_("{reference} · {place} · {needs} · {status} · since {when}")
STATUS_OPEN = S_("waiting")
STATUS_CLAIMED = S_("with {name}")

CHAT_REGISTERED = S_("This chat now receives the new requests of {network}.")
CHAT_WHICH = S_("Which network should this chat receive requests for?")
CHAT_GROUP_ONLY = S_("Use /casechat in the group chat of your network's coordinators.")
INVITE_LINK = S_(
    "Invitation for professionals of {network}, valid for {days} days and {uses} people. "
    "Send them this link:\n{link}"
)
INVITE_WHICH = S_("For which network?")
