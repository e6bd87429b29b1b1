"""The words of the demo: people's names, transcripts, notes, chat lines.

A share of it is deliberately awkward for a careless page: names in non-Latin scripts, emoji,
strings of several hundred characters, and markup that must be shown as text, never run.
"""

import random

SCRIPT_TAG = "<script>alert(1)</script>"
EMOJI_NAME = "Zoë 🎧 Ferreira 🙂"
LONG_TEXT = (
    "Customer called about order #48213 which arrived damaged; the courier's reference does "
    "not match ours, the replacement was promised for Tuesday but the warehouse says the item "
    "is on back-order until the end of the month, so we offered a refund or a substitute model "
    "and the customer wants to think about it, asked us to call back after six in the evening "
    "on the mobile number rather than the landline, and to email a written summary of the "
    "options including delivery dates, the restocking fee waiver approved by the team lead, "
    "and the extended warranty that sales mentioned last week. Follow up before Friday."
)

# Staff of the first customer beyond the demo accounts (first name, last name).
AGENT_NAMES = [
    ("Priya", "Shah"),
    ("Tomás", "García"),
    ("健太", "山田"),
    ("Ελένη", "Παπαδοπούλου"),
    ("ليلى", "حداد"),
    ("Olusegun", "Adeyemi"),
    ("Maja", "Kowalczyk"),
    ("Noah", "Becker"),
    ("Chloé", "Dubois"),
    ("Sven", "Lindqvist"),
    ("Aroha", "Ngata"),
    ("Иван", "Петров"),
    ("Grace", "O'Connor"),
    ("Zoë", "Ferreira 🎧"),
    ("Rahul", "Verma"),
    ("Hannah", "Müller"),
    ("Bartholomew-Maximilian", "Featherstonehaugh-Cholmondeley"),
]
OTHER_CUSTOMER_NAMES = [
    ("Lena", "Vogel"),
    ("Marco", "Rossi"),
    ("Aiko", "Tanaka"),
    ("Femi", "Okafor"),
]

# Callers' and chat visitors' names; a few are the awkward ones.
CONTACT_NAMES = [
    "Jordan Miles",
    "Emma Thompson",
    "Lucas Martin",
    "Sofia Rossi",
    "日本語テスト株式会社",
    "Ελληνικά Ταξίδια",
    "مكتب العربية",
    EMOJI_NAME,
    "Ahmed Karimi",
    "Olivia Brown",
    "Mateo López",
    "Chen Wei 陈伟",
    "Fatima Zahra",
    "Noor & Sons Ltd.",
    'Quote "Marks" O\'Brien',
    "Liam Walsh",
    "Ingrid Solberg",
    "Kwame Mensah",
    "A" * 20 + " Very Long Company Name Incorporated International Holdings Group",
]
COMPANY_SITES = ["https://www.example.com/support", "https://shop.example.com/checkout", ""]

TOPICS = [
    ("a delivery that has not arrived", "the delivery was rescheduled for tomorrow"),
    ("a double charge on the last invoice", "the duplicate charge was refunded"),
    ("resetting the account password", "the password was reset and tested"),
    ("upgrading to the business plan", "a quote for the business plan was sent"),
    ("a faulty headset", "a replacement headset was ordered"),
    ("cancelling the subscription", "the customer agreed to a discounted renewal"),
    ("porting a phone number", "the porting form was emailed"),
]
SENTIMENTS = ["positive", "neutral", "negative", "mixed"]
NOTE_TEXTS = [
    "Called back, no answer; left a message.",
    "Escalated to second line.",
    "Customer asked for a written quote.",
    "VIP account — handle with care ⭐",
    "Follow-up booked for next week.",
    "Le client rappellera demain matin.",
    "お客様は明日折り返し電話します。",
    LONG_TEXT,
]
LABELS = ["vip", "complaint", "follow-up", "sales", "billing", "escalated", "🔥 urgent"]
# Both lists run in the order a conversation does: a chat takes an ordered sample of each.
VISITOR_LINES = [
    "Is anyone there?",
    "Hi, I need help with my order.",
    "The checkout page keeps failing 😕",
    "Can I change my delivery address?",
    "<b>bold?</b> & <i>italic</i> — just testing your chat",
    "Thanks, that fixed it!",
    "Merci beaucoup !",
    "ありがとうございます",
]
OPERATOR_LINES = [
    "Hello! How can I help you today?",
    "Let me check that for you.",
    "Could you give me your order number?",
    "I've updated it; you'll get an email shortly.",
    "Is there anything else I can help with?",
    "Have a great day!",
]
VOICEMAIL_LINES = [
    "Hi, it's about my order, please call me back when you can.",
    "Hello, I tried calling earlier regarding the invoice. Thanks.",
    "Bonjour, je rappelle au sujet de ma commande.",
    "Please call me back on my mobile, it's urgent.",
    "Just confirming tomorrow's appointment at ten. Bye!",
]


def transcript_for(
    rng: random.Random, *, agent: str, caller: str, topic: int, hostile: bool = False
) -> str:
    """A short two-party transcript of a support call about `TOPICS[topic]`."""
    asked, outcome = TOPICS[topic]
    lines = [
        f"{agent}: Thank you for calling Acme Support, this is {agent.split(' ')[0]}.",
        f"{caller}: Hello, I'm calling about {asked}.",
        f"{agent}: I'm sorry to hear that. Let me look into it.",
        f"{caller}: {rng.choice(['Thanks.', 'Sure.', 'OK, I can hold.', 'Great, thank you.'])}",
        f"{agent}: Good news: {outcome}.",
        f"{caller}: {rng.choice(['Perfect, thanks!', 'Fine.', 'Finally.', 'Brilliant 👍'])}",
    ]
    if hostile:
        lines.insert(3, f"{caller}: My username is {SCRIPT_TAG}, is that a problem?")
    return "\n".join(lines)


def summary_for(*, caller: str, topic: int) -> str:
    asked, outcome = TOPICS[topic]
    return f"{caller} called about {asked}; {outcome}."
