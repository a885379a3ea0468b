"""Every text a family or professional sees, as gettext message ids (English source).

The dialogue refers to these constants; channels translate them with the catalog of the
user's language (`locales/<lang>/LC_MESSAGES/messages.po`). Placeholders are named
(`{place}`), so translators may reorder them. Extract with
`pybabel extract -F babel.cfg -k N_ -k NP_:1,2 -o locales/messages.pot bot`.
"""

from __future__ import annotations

from typing import NamedTuple


class Plural(NamedTuple):
    """A message with singular and plural forms, chosen by `count`."""

    singular: str
    plural: str


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated when rendered."""
    return message


def NP_(singular: str, plural: str) -> Plural:
    """Mark a message with plural forms for extraction."""
    return Plural(singular, plural)


# --- welcome, language, help ------------------------------------------------------------
WELCOME = N_(
    "Hello, I am Lotse. I help families with babies and pregnant women to find free help "
    "nearby. Write to me in your own language what you need, for example: “My baby cries "
    "a lot” or “I am pregnant and need a midwife”."
)
LANGUAGE_DETECTED = N_(
    "I will answer in {language}. You can change the language at any time: /language"
)
CHOOSE_LANGUAGE = N_("Which language would you like me to write in?")
LANGUAGE_SET = N_("Good, from now on I will write in {language}.")
HELP = N_(
    "I find free offers for families near you: pregnancy counselling, midwives, help when "
    "a baby cries a lot, breastfeeding, parent groups, childcare, money and housing advice "
    "and more. Tell me what you need and where you live. I do not give medical or legal "
    "advice, but I show you people who do.\n"
    "/language – change the language\n/person – talk to a person\n"
    "/privacy – what I store\n/delete – delete your data\n/restart – start again"
)
HELP_PROFESSIONAL = N_(
    "Professional mode: write what you are looking for, for example “Schreiambulanz "
    "Coesfeld” or “Beratung auf Arabisch 53721” (need, place or postcode, language). I show "
    "five offers at a time, with the reasons they fit. To send an offer card to a family in "
    "their language, tap “Send to a family” below the card.\n"
    "/language – change the language\n/privacy – what I store\n/delete – delete your data"
)
RESTARTED = N_("Let us start again. What do you need?")
GOODBYE = N_(
    "Thank you for writing. All the best for you and your family! You can write to me at any time."
)
ANYTHING_ELSE = N_("Is there anything else I can help you with?")
TEXT_ONLY = N_("I can only read text messages. Please write your question in a few words.")

# --- understanding ------------------------------------------------------------------------
NOT_UNDERSTOOD = N_(
    "I am sorry, I did not understand that. Please tell me in a few words what you need, "
    "for example “help with money” or “a midwife”. Or talk to a person: /person"
)
OUT_OF_SCOPE = N_(
    "I can only help with offers for families with babies and young children and for "
    "pregnant women. What do you need?"
)
NO_ADVICE = N_(
    "I cannot give medical or legal advice. The people of these offers can help you with "
    "your question."
)
ASK_PLACE = N_("In which town do you live? You can also write your postcode.")
PLACE_UNKNOWN = N_(
    "I do not know this place yet. Please write the name of your town or your postcode (5 digits)."
)
ASK_AGE = N_("How old is your child? Or are you pregnant?")
LOCATION_HINT = N_("Or share your location with the button below.")
LOCATION_NOTED = N_("Thank you. I am looking for offers near {place}.")
LOCATION_UNKNOWN = N_(
    "I do not know any offers near this location yet. Please write the name of your town "
    "or your postcode."
)

# --- offers ---------------------------------------------------------------------------------
OFFERS_FOUND = NP_("I found {count} offer for you:", "I found {count} offers for you:")
NO_LOCAL_OFFER = N_(
    "I have not found an offer for this in {place}. I have noted it, so that the network "
    "can see what is missing."
)
NATIONWIDE_INSTEAD = N_("This service can be reached from all of Germany:")
ASK_LOCALLY = N_("You can also ask here: {ask}")
OFFER_PERSON = N_("Would you like a person from the local network to contact you?")
MORE_RESULTS = N_("Page {page} of {pages}")
SEARCH_HOW = N_(
    "Write what you are looking for, for example “Schreiambulanz Coesfeld” or “Beratung "
    "auf Arabisch 53721”."
)
SEARCH_NOTHING = N_(
    "I found no offer for this. Try fewer words or another place, or ask the network coordination."
)
SEARCH_LANGUAGE_MISSING = N_(
    "No offer in {place} states that its staff speak {language}. These offer interpreting "
    "or may help anyway:"
)

# --- the offer card -------------------------------------------------------------------------
CARD_FOR = N_("For: {needs}")
CARD_FREE = N_("Free of charge")
CARD_NO_APPLICATION = N_("No application needed")
CARD_HOME_VISITS = N_("Home visits")
CARD_ANONYMOUS = N_("Anonymous")
CARD_LANGUAGES = N_("Staff speak: {languages}")
CARD_INTERPRETATION = N_("Interpreting: {details}")
CARD_PHONE = N_("Phone: {phone}")
CARD_EMAIL = N_("E-mail: {email}")
CARD_WEBSITE = N_("Website: {url}")
CARD_ADDRESS = N_("Address: {address}")
CARD_CONTACT = N_("Contact: {name}")
CARD_HOURS = N_("Opening hours: {hours}")
CARD_OPEN_ALWAYS = N_("open day and night")
CARD_BY_APPOINTMENT = N_("by appointment")
CARD_ASK = N_("Ask: {ask}")
CARD_AREA = N_("Area: {area}")
CARD_NATIONWIDE = N_("all of Germany")
CARD_ORIGINAL = N_("Description (German original):")
CARD_WHY = N_("Why this offer: {reasons}")

REASON_NEED = N_("helps with {need}")
REASON_PLACE = N_("for {place}")
REASON_NATIONWIDE = N_("reachable everywhere")
REASON_FREE = N_("free")
REASON_LANGUAGE = N_("speaks {language}")
REASON_AGE = N_("fits your child's age")
REASON_PREGNANCY = N_("for pregnant women")
REASON_HOME_VISITS = N_("home visits")
REASON_NO_APPLICATION = N_("no application")
REASON_ANONYMOUS = N_("anonymous")
REASON_NEAR = N_("{km} km away")
REASON_MATCH = N_("matches “{words}”")

NEED_LABELS = {
    "pregnancy": N_("pregnancy"),
    "midwife": N_("midwife"),
    "crying_sleep": N_("crying and sleep"),
    "feeding": N_("breastfeeding and feeding"),
    "child_development": N_("child development and health"),
    "parenting": N_("parenting and parent groups"),
    "money": N_("money and applications"),
    "mental_health": N_("feeling exhausted or sad"),
    "family_conflict": N_("conflict in the family"),
    "addiction": N_("addiction"),
    "single_parent": N_("single parents"),
    "childcare": N_("childcare"),
    "migration": N_("new in Germany"),
    "housing": N_("housing"),
    "talk_to_person": N_("talking to a person"),
    "general_support": N_("help of any kind"),
}

# --- hand-off -------------------------------------------------------------------------------
CONSENT = N_(
    "Before I pass on your request, please read this: I will store what you need, your "
    "town, your language and how to reach you. Only {contact} ({network}) will see it, to "
    "contact you. It is deleted after {days} days, or earlier with /delete. This is "
    "voluntary. Do you agree?"
)
NO_CONSENT = N_(
    "That is fine, I have not stored anything. You can contact them yourself: {contact}"
)
ASK_CONTACT_METHOD = N_("How should they contact you?")
ASK_PHONE = N_("Please write your phone number.")
PHONE_INVALID = N_(
    "This does not look like a phone number. Please write it with the area code, for "
    "example 0171 2345678."
)
ASK_TIMES = N_("When is the best time to reach you?")
CHECK_SUMMARY = N_("Please check what I will send. The network receives it in German:\n\n{summary}")
HANDOFF_SENT = N_(
    "Thank you. Your request has gone to {contact}. Your reference number is {reference}. "
    "Someone will contact you, usually within a few working days."
)
HANDOFF_MERGED = N_(
    "You sent a request a short time ago (reference number {reference}). I have added this to it."
)
HANDOFF_CANCELLED = N_("Cancelled. Nothing was sent.")
NO_NETWORK = N_(
    "I do not know a local network for your town yet. Please ask the youth office "
    "(Jugendamt) of your town."
)
SUMMARY_NEEDS = N_("Needs: {needs}")
SUMMARY_PLACE = N_("Town: {place}")
SUMMARY_CHILD_AGE = NP_("Child: {count} month old", "Child: {count} months old")
SUMMARY_NEWBORN = N_("Child: under one month old")  # not "0 months old"
SUMMARY_PREGNANT = N_("Pregnant")
SUMMARY_LANGUAGE = N_("Language: {language}")
SUMMARY_CONTACT_PHONE = N_("Please call back: {phone}")
SUMMARY_CONTACT_CHAT = N_("Please answer in the chat")
SUMMARY_TIMES = N_("Best time: {times}")

# --- an open case: who holds it, messages passed on -------------------------------------------
CASE_WAITING = N_(
    "Your request {reference} has been passed on. Someone from the network will contact you soon."
)
CASE_WITH_PERSON = N_("Your request {reference} is with {name}, who will contact you.")
CASE_WRITE_OFFER = N_("You can also write to them here.")
CASE_CLOSED = N_("This request is closed. If you need help again, just write to me.")
CASE_TAKEN = N_(
    "Good news: {name} ({network}) has taken on your request {reference} and will contact you soon."
)
CASE_TAKEN_CHAT = N_(
    "Good news: {name} ({network}) has taken on your request {reference}. You will get "
    "their message here in this chat."
)
WRITE_REPLY = N_("Write your message. I will pass it on to {name}.")
WRITE_TO_FAMILY = N_(
    "Write your message to the family of request {reference}. It is passed on exactly as "
    "you write it."
)
RELAYED_MESSAGE = N_("Message from {name} ({network}) about your request {reference}:")
RELAYED_TO_PERSON = N_("I have passed your message on to {name}.")
RELAYED_TO_FAMILY = N_("Your message has been sent to the family.")
RELAY_REFUSED = N_(
    "I cannot pass this on: the request is closed, or it is not one you may write about."
)
RELAY_UNDELIVERABLE = N_(
    "The family cannot be reached in the chat (they have stopped the bot). Please use "
    "another way if they gave one."
)

# --- roles -------------------------------------------------------------------------------------
INVITED_PROFESSIONAL = N_(
    "Welcome! You can now look offers up as a professional. Write, for example, "
    "“Schreiambulanz Coesfeld” or “Beratung auf Arabisch 53721”. To send an offer card to a "
    "family in their language, tap “Send to a family” below the card."
)
INVITED_COORDINATOR = N_(
    "Welcome, {name}. You are now a coordinator of {network}. New requests are posted in "
    "your network's coordinator chat; /cases lists the open ones, /invite creates a link "
    "for professionals."
)
INVITATION_INVALID = N_(
    "This invitation link is not valid (any more). Please ask your network coordination "
    "for a new one."
)
COORDINATORS_ONLY = N_("This is only for coordinators of the network.")
INLINE_FOR_PROFESSIONALS = N_("Lotse for professionals: open the bot")

# --- privacy --------------------------------------------------------------------------------
PRIVACY = N_(
    "What I store: I do not keep your messages. While we talk, I remember what you need, "
    "your town (or, if you share your location, its area to about 1 km) and your language, "
    "for {days} days. Questions I could not answer are kept "
    "without your name or number, so that people can improve me. A request to a person is "
    "stored only if you agree, and deleted after {handoff_days} days. /delete deletes "
    "everything at once."
)
DELETE_CONFIRM = N_("Shall I delete everything I have stored about you? This cannot be undone.")
DELETED = N_("Done. I have deleted all your data.")
NOT_DELETED = N_("Nothing was deleted.")

# --- crisis and errors ----------------------------------------------------------------------
CRISIS_INTRO = N_("This sounds like an emergency. Please get help now:")
CRISIS_AFTER = N_(
    "When you are safe and if you want, tell me more, and I will look for help near you."
)
EMERGENCY_AMBULANCE = N_("Ambulance and emergency doctor: {number}")
EMERGENCY_POLICE = N_("Police: {number}")
EMERGENCY_VIOLENCE = N_("Helpline Violence against Women, day and night, many languages: {number}")
EMERGENCY_PREGNANT = N_(
    "Helpline for pregnant women in distress, day and night, anonymous: {number}"
)
EMERGENCY_SEELSORGE = N_("Crisis line (TelefonSeelsorge), day and night: {number}")
EMERGENCY_PARENTS = N_("Helpline for parents: {number}")
EMERGENCY_DOCTOR = N_("Doctor on call, when it is not life-threatening: {number}")
ERROR_GENERIC = N_(
    "Sorry, something went wrong on my side. Please try again in a moment. In an emergency "
    "call 112 (ambulance) or 110 (police)."
)

# --- conversation v2: typed answers, fallback, follow-ups, distress, other towns ---------
PLEASE_CHOOSE = N_("Sorry, I did not get your answer. Please choose, or write it in a few words:")
DID_YOU_MEAN = N_("I am not sure I understood. Is it about one of these?")
# before every "not understood" answer: a missed emergency still reaches the numbers
DANGER_FOOTER = N_(
    "If you or your child are in danger right now, call 112 (ambulance) or 110 (police)."
)
NEED_MENU = N_(
    "I did not quite understand. Let us find it together: what is it about? Choose a topic, "
    "or talk to a person of the local network."
)
GENERAL_SUPPORT = N_(
    "Thank you for writing, I am here to help. What is it about? Choose a topic below or "
    "tell me in your own words."
)
CHOICE_SOMETHING_ELSE = N_("Something else")
DISTRESS_ACK = N_(
    "That sounds really hard. Thank you for telling me — you are not alone with this."
)
SAFETY_INTRO = N_(
    "What you describe is violence, and it is not your fault. You can get help, also "
    "anonymously and in your language:"
)
SAFETY_AFTER = N_("If you want, I will also look for help near you.")
PLACE_NOTED = N_("Noted: {place}. What do you need help with?")
OUTSIDE_NETWORKS = N_(
    "Lotse does not know the local offers of {place} yet. These services can be reached "
    "from all of Germany:"
)
OUTSIDE_NETWORKS_ONLY = N_("Lotse does not know the local offers of {place} yet.")
FIND_YOUTH_OFFICE = N_(
    "For help nearby, contact the youth office (Jugendamt) of {place}: search the web for "
    "“Jugendamt {place}” or ask at the town hall. Its early-help (Frühe Hilfen) "
    "coordination knows the local offers."
)
FOLLOWUP_CONTACTS = N_("How to reach the offers I showed you:")
FOLLOWUP_LANGUAGE_YES = N_("These offers state that their staff speak {language}:")
FOLLOWUP_LANGUAGE_NO = N_(
    "None of the offers I showed states that its staff speak {language}. Ask by phone "
    "whether an interpreter can come along — or use a service that answers in many "
    "languages:"
)
FOLLOWUP_ANONYMOUS = N_(
    "You decide whom you talk to. These services are anonymous and not part of the youth "
    "office (Jugendamt):"
)
FOLLOWUP_NO_MORE = N_("I have no further offers for this. Would you like a person to help you?")
OFFER_HELPLINE_TOO = N_("And you can call this service, day and night:")

# --- choices (buttons or numbered options) -------------------------------------------------
CHOICE_YES_PLEASE = N_("Yes, please")
CHOICE_NO_THANKS = N_("No, thank you")
CHOICE_AGREE = N_("Yes, I agree")
CHOICE_DISAGREE = N_("No")
CHOICE_CALL_ME = N_("Call me back")
CHOICE_WRITE_ME = N_("Answer me in this chat")
CHOICE_MORNING = N_("Mornings")
CHOICE_AFTERNOON = N_("Afternoons")
CHOICE_EVENING = N_("Evenings")
CHOICE_ANY_TIME = N_("Any time")
CHOICE_SEND = N_("Send")
CHOICE_CANCEL = N_("Cancel")
CHOICE_DELETE = N_("Delete everything")
CHOICE_KEEP = N_("Keep my data")
CHOICE_PREGNANT = N_("I am pregnant")
CHOICE_AGE_0_3 = N_("Under 3 months")
CHOICE_AGE_3_12 = N_("3 to 12 months")
CHOICE_AGE_12_36 = N_("1 to 3 years")
CHOICE_AGE_OLDER = N_("Older than 3 years")
CHOICE_OTHER_PLACE = N_("Another town")
CHOICE_SHOW_CARD = N_("Show the card in German too")
CHOICE_PERSON = N_("Talk to a person")
CHOICE_MORE = N_("More offers")
CHOICE_PREVIOUS = N_("Previous offers")
CHOICE_SHARE = N_("Send to a family")
CHOICE_REPLY = N_("Write a reply")
CHOICE_SHARE_LOCATION = N_("📍 Share my location")
CHOICE_KEEP_LANGUAGE = N_("Yes, keep {language}")
CHOICE_OTHER_LANGUAGE = N_("Choose another language")
TERMINAL_CHOOSE = N_("Type a number or write your answer.")

# --- Telegram command menu and bot description --------------------------------------------
COMMAND_START = N_("Start and choose a language")
COMMAND_HELP = N_("What Lotse can do")
COMMAND_LANGUAGE = N_("Change the language")
COMMAND_PERSON = N_("Talk to a person")
COMMAND_PRIVACY = N_("What is stored about me")
COMMAND_DELETE = N_("Delete my data")
COMMAND_RESTART = N_("Start again")
BOT_SHORT_DESCRIPTION = N_(
    "Free help for families with babies and for pregnant women, in your language."
)
BOT_DESCRIPTION = N_(
    "Lotse finds free offers of the early-help networks near you: midwives, help when a "
    "baby cries a lot, pregnancy counselling, parent groups, money and housing advice. "
    "Write in your own language. In an emergency call 112."
)
PRIVATE_ONLY = N_("Please write to me in a private chat, so that your data stays private.")

# --- offer cards a family can read (issue 12, item 6) ---------------------------------------
# after a translated name and description that no person has reviewed yet
CARD_MACHINE_TRANSLATED = N_("(automatic translation)")
# an offer whose facts were last confirmed longer ago than LOTSE_OFFER_FRESH_MONTHS
CARD_CHECK_FIRST = N_("Last confirmed {year} — please check by phone before you go.")
# professional search: the asked kind of help is not listed in the asked place
SEARCH_KIND_MISSING = N_("Nothing for “{kind}” is listed in {place}. The nearest alternatives:")

# --- the web chat (issue 16): labels of the page and answers of the web channel ------------
WEB_TITLE = N_("Chat with Lotse")
WEB_MESSAGE_LABEL = N_("Your message")
WEB_SEND = N_("Send")
# more messages than LOTSE_WEB_SESSION_TURNS / LOTSE_WEB_ADDRESS_TURNS allow per minute
WEB_RATE_LIMITED = N_(
    "You are sending many messages very quickly. Please wait a minute, then write again. "
    "In an emergency call 112 (ambulance) or 110 (police)."
)
WEB_TOO_LONG = N_("This message is too long for me. Please write it in shorter parts.")
WEB_LOCATION_FAILED = N_(
    "Your location could not be read. Please write the name of your town or your postcode."
)
# the browser cannot reach Lotse (no network, server down)
WEB_OFFLINE = N_(
    "Lotse cannot be reached at the moment. Please try again soon. "
    "In an emergency call 112 (ambulance) or 110 (police)."
)
