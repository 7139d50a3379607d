"""Hand-written content for the demo catalogue.

Pure data: creators, series (with seasons as ``(episode_count, price_cents)``), episode title
pools per genre, synopsis templates, viewer comments, viewer names and UTM attribution tuples.
The seeding code combines these deterministically so the demo looks like a living platform.
All names, studios and links are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

from microshort.content.genres import GENRES as CONTENT_GENRES


@dataclass(frozen=True)
class DemoCreator:
    slug: str
    display_name: str
    bio: str
    links: tuple[str, ...]


@dataclass(frozen=True)
class DemoSeries:
    slug: str
    title: str
    genre: str
    logline: str
    description: str
    tags: tuple[str, ...]
    creator_slug: str
    seasons: tuple[tuple[int, int], ...]


GENRES = CONTENT_GENRES  # the demo covers every genre a series can have


CREATORS: tuple[DemoCreator, ...] = (
    DemoCreator(
        slug="paper-lantern-studio",
        display_name="Paper Lantern Studio",
        bio=(
            "A four-person studio in a converted print shop. We make swoony, slow-burn "
            "romances shot on real streets, one minute at a time."
        ),
        links=(
            "https://instagram.com/paperlanternstudio.demo",
            "https://tiktok.com/@paperlanternstudio.demo",
        ),
    ),
    DemoCreator(
        slug="nightjar-pictures",
        display_name="Nightjar Pictures",
        bio=(
            "Low light, high stakes. Nightjar shoots thrillers and mysteries after dark "
            "with a crew of six and a lot of coffee."
        ),
        links=(
            "https://instagram.com/nightjarpictures.demo",
            "https://youtube.com/@nightjarpictures.demo",
        ),
    ),
    DemoCreator(
        slug="mira-okafor",
        display_name="Mira Okafor",
        bio=(
            "Writer-director. Former soap opera script editor who finally gets to write "
            "the cliffhangers she always wanted. Revenge is a dish best served vertical."
        ),
        links=("https://instagram.com/miraokafor.demo",),
    ),
    DemoCreator(
        slug="saltwater-films",
        display_name="Saltwater Films",
        bio=(
            "A coastal collective making fantasy on a shoestring: practical effects, "
            "borrowed costumes and very patient local extras."
        ),
        links=(
            "https://instagram.com/saltwaterfilms.demo",
            "https://saltwaterfilms.example.com",
        ),
    ),
    DemoCreator(
        slug="ruby-and-rye",
        display_name="Ruby & Rye",
        bio=(
            "Two best friends, one camera, zero chill. Ruby & Rye make big-hearted comedies "
            "and family dramas about people who talk over each other."
        ),
        links=(
            "https://tiktok.com/@rubyandrye.demo",
            "https://instagram.com/rubyandrye.demo",
        ),
    ),
    DemoCreator(
        slug="kenji-ward",
        display_name="Kenji Ward",
        bio=(
            "Solo creator and ex-hotel concierge. Writes billionaires who are more trouble "
            "than they are worth, and the people brave enough to say no to them."
        ),
        links=(
            "https://x.com/kenjiward_demo",
            "https://instagram.com/kenjiward.demo",
        ),
    ),
)


SERIES: tuple[DemoSeries, ...] = (
    DemoSeries(
        slug="she-came-back-in-red",
        title="She Came Back in Red",
        genre="Revenge",
        logline="They left her at the altar and took her company. Five years later, she RSVPs yes.",
        description=(
            "Vivian lost her fiancé, her start-up and her name in a single weekend. She "
            "returns for her sister's wedding as a stranger with a new face, a new fortune "
            "and a guest list of everyone who betrayed her."
        ),
        tags=("revenge", "weddings", "betrayal", "comeback"),
        creator_slug="mira-okafor",
        seasons=((14, 599), (10, 499)),
    ),
    DemoSeries(
        slug="my-contract-husband-owns-the-tower",
        title="My Contract Husband Owns the Tower",
        genre="Billionaire",
        logline="A one-year marriage contract. A strict no-feelings clause. He breaks it first.",
        description=(
            "Junior architect June signs a marriage contract to save her mother's clinic. Her "
            "new husband is cold, punctual and the owner of the tower she is redesigning. By "
            "episode three, the contract has footnotes neither of them expected."
        ),
        tags=("fake-marriage", "ceo", "enemies-to-lovers"),
        creator_slug="kenji-ward",
        seasons=((12, 699), (12, 599)),
    ),
    DemoSeries(
        slug="letters-to-apartment-4b",
        title="Letters to Apartment 4B",
        genre="Romance",
        logline=(
            "Misdelivered love letters. A grumpy neighbour. One of them is lying about who "
            "wrote them."
        ),
        description=(
            "Nadia keeps receiving handwritten letters meant for the tenant who lived in 4B "
            "before her. When she starts writing back, the replies get personal, and the "
            "only suspect is the cellist next door who swears he hates everyone."
        ),
        tags=("slow-burn", "neighbours", "letters"),
        creator_slug="paper-lantern-studio",
        seasons=((12, 499), (10, 499)),
    ),
    DemoSeries(
        slug="the-moon-bride-of-hollow-pines",
        title="The Moon Bride of Hollow Pines",
        genre="Fantasy",
        logline="Every hundred years the forest takes a bride. This time, the bride bargains back.",
        description=(
            "Wren was raised knowing she would be given to the spirit of Hollow Pines on her "
            "twenty-first birthday. She did not expect the spirit to be lonely, funny and "
            "hunted by the very village that offered her up."
        ),
        tags=("folklore", "forest", "forbidden-love"),
        creator_slug="saltwater-films",
        seasons=((12, 599), (9, 499)),
    ),
    DemoSeries(
        slug="night-shift-at-greyhaven",
        title="Night Shift at Greyhaven",
        genre="Thriller",
        logline=(
            "A night nurse notices patients recover the moment one visitor leaves. Then he "
            "asks her name."
        ),
        description=(
            "Greyhaven Hospital has the best recovery rates in the state and the strictest "
            "visiting rules. New night nurse Priya starts logging every visitor, and the log "
            "starts disappearing from her locker."
        ),
        tags=("hospital", "conspiracy", "night"),
        creator_slug="nightjar-pictures",
        seasons=((8, 399),),
    ),
    DemoSeries(
        slug="the-lighthouse-keepers-secret",
        title="The Lighthouse Keeper's Secret",
        genre="Mystery",
        logline=(
            "An inherited lighthouse, a keeper missing since 1998, and a lamp that still turns on."
        ),
        description=(
            "Podcaster Ada inherits a decommissioned lighthouse from a great-aunt she never "
            "met. The locals will not talk about the last keeper, but somebody keeps lighting "
            "the lamp, and the signals spell out names."
        ),
        tags=("small-town", "cold-case", "coastal"),
        creator_slug="nightjar-pictures",
        seasons=((11, 449), (8, 399)),
    ),
    DemoSeries(
        slug="fake-fiance-real-problems",
        title="Fake Fiancé, Real Problems",
        genre="Comedy",
        logline="She hired an actor to play her fiancé at the reunion. He is method. Very method.",
        description=(
            "Tired of questions at her family reunion, Bea books an out-of-work actor to pose "
            "as her fiancé for one weekend. He builds a backstory, a limp and a rivalry with "
            "her uncle, and now Grandma wants a date for the wedding."
        ),
        tags=("fake-dating", "family", "chaos"),
        creator_slug="ruby-and-rye",
        seasons=((8, 199),),
    ),
    DemoSeries(
        slug="two-sisters-one-kitchen",
        title="Two Sisters, One Kitchen",
        genre="Drama",
        logline=(
            "Their mother left them the family restaurant, on one condition: they run it together."
        ),
        description=(
            "Grace stayed, cooked and kept the lights on. Lena left for the city and never "
            "called. Their mother's will forces them back under one roof, behind one stove, "
            "with one year to turn a profit or lose everything."
        ),
        tags=("family", "sisters", "food"),
        creator_slug="ruby-and-rye",
        seasons=((9, 349),),
    ),
    DemoSeries(
        slug="ashes-of-the-vance-house",
        title="Ashes of the Vance House",
        genre="Revenge",
        logline=(
            "The Vances burned her family's name to the ground. Now she is their new housekeeper."
        ),
        description=(
            "Iris takes a job inside the mansion of the family that framed her father. Every "
            "drawer she opens brings her closer to the truth, and closer to the youngest Vance "
            "son, who is starting to notice she knows the house too well."
        ),
        tags=("revenge", "undercover", "family-secrets"),
        creator_slug="mira-okafor",
        seasons=((9, 399),),
    ),
    DemoSeries(
        slug="the-heir-who-washed-dishes",
        title="The Heir Who Washed Dishes",
        genre="Billionaire",
        logline=(
            "The richest heir in the city hides in a diner kitchen. The head chef wants him fired."
        ),
        description=(
            "To claim his inheritance, Adrian must spend ninety days working a minimum wage "
            "job without revealing who he is. Head chef Rosa thinks he is the worst dishwasher "
            "she has ever hired, and she is right."
        ),
        tags=("hidden-identity", "workplace", "opposites-attract"),
        creator_slug="kenji-ward",
        seasons=((10, 499),),
    ),
    DemoSeries(
        slug="second-chance-on-harbor-street",
        title="Second Chance on Harbor Street",
        genre="Romance",
        logline=(
            "Ten years after he left without a word, he is back, and he just bought her "
            "bakery's building."
        ),
        description=(
            "Elena built her bakery from nothing after Theo vanished the night before their "
            "road trip. Now he is her landlord, and the lease renewal comes with one condition: "
            "an honest answer to the question she never got to ask."
        ),
        tags=("second-chance", "small-town", "exes"),
        creator_slug="paper-lantern-studio",
        seasons=((10, 399),),
    ),
    DemoSeries(
        slug="daughter-of-the-tide-king",
        title="Daughter of the Tide King",
        genre="Fantasy",
        logline=(
            "A lifeguard learns her father rules the sea. He wants her home. The sea wants "
            "her crown."
        ),
        description=(
            "Marisol has always been able to hold her breath for far too long. When a storm "
            "washes a silver-eyed messenger onto her beach, she learns why, and that three "
            "half-siblings would rather she stayed on land for good."
        ),
        tags=("mermaids", "royalty", "ocean"),
        creator_slug="saltwater-films",
        seasons=((10, 499),),
    ),
    DemoSeries(
        slug="nineteen-minutes-to-midnight",
        title="Nineteen Minutes to Midnight",
        genre="Thriller",
        logline=(
            "Her phone shows a message from herself, sent tomorrow. It says: do not get in the car."
        ),
        description=(
            "Courier Dani starts receiving texts timestamped one day ahead, each one warning "
            "her about the next delivery. Told almost in real time, every episode is a race "
            "against a clock that keeps moving the finish line."
        ),
        tags=("real-time", "chase", "twist"),
        creator_slug="nightjar-pictures",
        seasons=((7, 299),),
    ),
    DemoSeries(
        slug="who-poisoned-the-wedding-cake",
        title="Who Poisoned the Wedding Cake?",
        genre="Mystery",
        logline="Two hundred guests, one ruined cake, and a pastry chef with a very good alibi.",
        description=(
            "The groom's mother collapses after the first slice, and every guest had a motive. "
            "Caterer Lou has until the last dance to clear her name, with the help of a "
            "wedding photographer who caught everything on camera."
        ),
        tags=("whodunit", "weddings", "cozy"),
        creator_slug="ruby-and-rye",
        seasons=((6, 249),),
    ),
)


EPISODE_TITLES: dict[str, tuple[str, ...]] = {
    "Romance": (
        "The Wrong Wedding",
        "A Letter Without a Name",
        "Rain on the Fire Escape",
        "Coffee for Two, Again",
        "The Dance She Didn't Want",
        "His Jacket, Her Shoulders",
        "Almost a Kiss",
        "The Last Train Home",
        "What the Florist Knew",
        "A Toast to the Ex",
        "Promises in Pencil",
        "The Balcony Confession",
        "Say It Slower",
        "One Umbrella",
        "The Photograph in His Wallet",
        "Stay for Breakfast",
        "Midnight at the Laundromat",
        "You Were Always the Reason",
        "Dinner With His Parents",
        "The Song He Wrote",
        "Slow Dance in the Kitchen",
        "Two Keys, One Door",
        "Meet Me at the Pier",
        "The Note Under the Door",
    ),
    "Revenge": (
        "Return of the Bride",
        "The Seat at the Head of the Table",
        "A Gift for the Groom",
        "Every Name on the List",
        "The Red Dress",
        "Her Signature, Forged",
        "A Slap in Front of Everyone",
        "Shares at Dawn",
        "The Sister Who Smiled",
        "Burned Bridges",
        "The Recording",
        "Not So Dead After All",
        "The Board Meeting",
        "Checkmate in Heels",
        "An Invitation She Can't Refuse",
        "The Final Toast",
        "They Never Saw Her Coming",
        "The Prodigal Daughter",
        "Dinner Is Served, Cold",
        "Her Father's Watch",
        "A Seat on the Board",
        "The Mask Comes Off",
        "Receipts",
        "The Wedding Crasher",
    ),
    "Billionaire": (
        "Keys to the Penthouse",
        "The Contract, Page Nine",
        "A Black Card and a Bad Idea",
        "Dinner at the Sky Lounge",
        "His Mother Disapproves",
        "The Helicopter Was Unnecessary",
        "Clause Fourteen",
        "The Ring He Didn't Buy",
        "A Gala in Her Honour",
        "Private Jet, Public Scandal",
        "The Assistant Knows Everything",
        "Paparazzi at the Door",
        "Signed, Sealed, Married",
        "The Heir Apparent",
        "Cold Coffee, Warm Heart",
        "Breakfast at the Boardroom",
        "A Deal Worth Breaking",
        "No Ordinary Intern",
        "The Prenup",
        "Monday, 7 a.m. Sharp",
        "Sunset on the Yacht",
        "The Chairman's Grandson",
        "A Suite of Her Own",
        "Walk Away From the Money",
    ),
    "Thriller": (
        "Do Not Answer",
        "The Third Floor",
        "Nineteen Missed Calls",
        "Footsteps in the Stairwell",
        "The Visitor Log",
        "Lights Out",
        "Someone Else's Handwriting",
        "The Car Was Already Running",
        "Room 312",
        "A Voice on the Baby Monitor",
        "The Last Delivery",
        "No Signal",
        "Don't Look Behind the Door",
        "Seven Seconds",
        "The Badge Was Fake",
        "Counting Down",
        "Who Locked the Gate?",
        "The Spare Key",
        "Visiting Hours Are Over",
        "Wrong Floor",
        "The Man in the Grey Coat",
        "Tracking Number",
        "Two Minutes of Static",
        "The Night Nurse Knows",
    ),
    "Fantasy": (
        "The Moon Chooses",
        "Salt and Silver",
        "A Crown Beneath the Waves",
        "The Bargain at the Well",
        "Whispers in the Pines",
        "First Light, First Spell",
        "The Tide King's Messenger",
        "A Name Written in Frost",
        "The Stolen Wings",
        "Lanterns Over the Water",
        "The Oath of Thorns",
        "Blood of the Old Kings",
        "Where the Ravens Sleep",
        "The Forest Remembers",
        "A Door That Wasn't There",
        "Starfall",
        "The Bride Who Said No",
        "The Well Keeps Its Promise",
        "Children of the Tide",
        "A Feast for the Forest",
        "The Silver-Eyed Stranger",
        "Thirteen Candles",
        "The Spirit's Gift",
        "Crown of Driftwood",
    ),
    "Comedy": (
        "Meet the Fake Fiancé",
        "Grandma Has Questions",
        "The Backstory Gets Longer",
        "Karaoke Was a Mistake",
        "Uncle Ray Declares War",
        "The Accidental Toast",
        "Who Invited the Goat?",
        "Method Acting, Day Two",
        "The Seating Chart Incident",
        "One Bathroom, Nine Cousins",
        "Emergency Dance Lessons",
        "The Lie Has a Lie",
        "Brunch Goes Sideways",
        "Nobody Touch the Cake",
        "A Very Long Speech",
        "Plot Twist: He's Good at This",
        "Sorry, Wrong Grandma",
        "The Rehearsal Dinner Disaster",
        "He Brought Props",
        "Cousin Tina Suspects",
        "Shopping for a Ring, Badly",
        "The Family Group Chat",
        "Two Truths and a Lie",
        "Curtain Call",
    ),
    "Mystery": (
        "The Lamp Still Turns",
        "A Key Without a Lock",
        "The Guest Who Left Early",
        "Footprints in the Flour",
        "The Keeper's Logbook",
        "Three Alibis, One Lie",
        "The Missing Slice",
        "Signals After Dark",
        "The Photograph Doesn't Lie",
        "Closed Since 1998",
        "Fingerprints on the Glass",
        "The Second Will",
        "What the Tide Brought In",
        "Nobody Saw the Chef",
        "The Last Entry",
        "A Name in Morse",
        "The Truth in the Attic",
        "Low Tide, High Stakes",
        "The Groom's Alibi",
        "Dust on the Lens",
        "An Empty Guest Book",
        "The Fog Horn Sounds Twice",
        "A Crumb of Evidence",
        "Who Ordered the Lilies?",
    ),
    "Drama": (
        "The Will Is Read",
        "Back Behind the Stove",
        "Mother's Recipe Book",
        "A Table for Two Sisters",
        "The Night the Power Went Out",
        "Old Debts",
        "Sunday Service",
        "What Lena Never Said",
        "The Critic Comes to Dinner",
        "Burnt Rice",
        "A Letter From Mom",
        "Opening Night",
        "The Offer From the City",
        "Salt to Taste",
        "Closing Time",
        "Family Meal",
        "The Last Plate",
        "Mise en Place",
        "The Regulars",
        "A Burnt Hand",
        "Fifty Covers on a Tuesday",
        "The Empty Chair",
        "Reservations",
        "What We Owe Each Other",
    ),
}


SYNOPSIS_TEMPLATES: tuple[str, ...] = (
    "{lead} finally confronts {rival}, but the truth is worse than either of them imagined.",
    "A single text message from {rival} turns {lead}'s perfect evening upside down.",
    "{lead} walks into the party on purpose, and {rival} drops a glass the moment she arrives.",
    "{rival} offers {lead} a deal that sounds too good to be true. It is.",
    "While {rival} celebrates, {lead} quietly finds the document that changes everything.",
    "{lead} has one night to get the key back before {rival} notices it is gone.",
    "An old photograph puts {lead} and {rival} in the same room ten years ago.",
    "{lead} says the one thing no one expected, and {rival} has no comeback.",
    "{rival} tries to embarrass {lead} in public. It backfires spectacularly.",
    "A locked drawer, a missing ring and a suspicious alibi from {rival} keep {lead} up all night.",
    "{lead} chooses honesty for once, and {rival} uses it against her within the hour.",
    "The storm traps {lead} and {rival} in the same place, with nowhere left to hide the truth.",
    "{lead} overhears a phone call that makes {rival} the prime suspect.",
    "{rival} shows up uninvited, and {lead} realises the invitation was never the real problem.",
)


LEADS: tuple[str, ...] = (
    "Nadia",
    "Elena",
    "Vivian",
    "Iris",
    "June",
    "Priya",
    "Dani",
    "Wren",
    "Marisol",
    "Bea",
    "Ada",
    "Lou",
    "Grace",
    "Mei",
    "Amara",
    "Sofia",
)


RIVALS: tuple[str, ...] = (
    "Celeste",
    "Victor",
    "Margot",
    "Julian",
    "Bianca",
    "Roman",
    "Serena",
    "Damien",
    "Odette",
    "Marcus",
    "Lydia",
    "Harrison",
    "Tessa",
    "Quentin",
)


COMMENTS: tuple[str, ...] = (
    "I KNEW he was lying 😭",
    "the slap at 1:02 though",
    "WHY does every episode end like that",
    "ok I'm unlocking the next one, you win",
    "her face when she read the letter 😮",
    "the sister is so shady lol",
    "not me watching this at 3am again",
    "he's a red flag but he's MY red flag",
    "this actress deserves an award fr",
    "the way she said 'sit down' 🔥",
    "I screamed, my roommate thinks I'm crazy",
    "rewatching just for the last 10 seconds",
    "plot twist of the year honestly",
    "grandma is the real MVP 😂",
    "can we get a whole episode of just the two of them",
    "the music in this scene gave me chills",
    "she deserves better and she knows it now 👏",
    "I need season 2 yesterday",
    "who else paused to read the document",
    "he really said 'clause fourteen' with a straight face 😂",
    "the kitchen scenes make me so hungry",
    "called it in episode 2, just saying",
    "my heart can't take this",
    "the uncle is sending me 😂😂",
    "wait go back, who was in the car??",
    "crying in the break room rn",
    "this is better than most TV I pay for",
    "the lighting in this one is gorgeous",
    "she walked in like she owned the place. she does now.",
    "the chemistry is unreal",
    "please tell me the dog is ok",
    "finally someone stands up to Celeste",
    "this cliffhanger is illegal",
    "I'd watch a spin-off about the assistant",
    "that lighthouse gives me the creeps in the best way",
    "the goat deserves top billing",
    "how is this only a minute long, felt like ten",
    "petition to give the cellist more lines",
    "my mom and I watch this together every night ❤️",
    "the dialogue is so sharp, who writes this",
    "the ring!!! did you see the ring",
    "rooting for the sisters so hard",
    "I gasped out loud on the bus",
    "ok that kiss was worth the wait",
    "this show has no business being this good",
)


REACTIONS: tuple[str, ...] = ("❤️", "🔥", "😂", "😮", "😭", "👏")


VIEWER_NAMES: tuple[str, ...] = (
    "Aisha K.",
    "Ben T.",
    "Camila R.",
    "Dev P.",
    "Emma L.",
    "Farah S.",
    "Gabriel M.",
    "Hana Y.",
    "Isaac O.",
    "Jasmine W.",
    "Kofi A.",
    "Lucia F.",
    "Mateo G.",
    "Nia B.",
    "Oliver H.",
    "Priyanka D.",
    "Quinn J.",
    "Rosa V.",
    "Samir N.",
    "Tala C.",
    "Uma R.",
    "Victor E.",
    "Wei L.",
    "Ximena P.",
    "Yusuf K.",
    "Zoe M.",
    "Amelie D.",
    "Bongani Z.",
    "Chloe S.",
    "Diego A.",
    "Eun-ji P.",
    "Fatima H.",
    "Grace O.",
    "Hiroshi T.",
    "Ines M.",
    "Jamal W.",
    "Keira B.",
    "Leila N.",
    "Marcus J.",
    "Noor A.",
    "Olga V.",
    "Pedro C.",
    "Rin S.",
    "Sade I.",
)


UTM_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("tiktok", "social", "launch-week"),
    ("tiktok", "paid-social", "cliffhanger-clips"),
    ("instagram", "social", "reels-teasers"),
    ("youtube", "video", "shorts-trailers"),
    ("x", "social", "creator-threads"),
    ("newsletter", "email", "weekly-drop"),
    ("google", "organic", "search"),
    ("direct", "organic", "none"),
)
