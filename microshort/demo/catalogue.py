"""Hand-written content for the demo catalogue.

Pure data: creators and series (with seasons as ``(episode_count, price_cents)``, and the lead
and rival their episode synopses follow). Titles and synopsis templates are in episode_text,
viewers and their comments in audience.
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
    lead: str  # the heroine every episode synopsis follows
    rival: str  # who stands in her way
    seasons: tuple[tuple[int, int], ...]

    @property
    def cast(self) -> tuple[str, str]:
        return self.lead, self.rival


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
        lead="Vivian",
        rival="Julian",
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
        lead="June",
        rival="Lucas",
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
        lead="Nadia",
        rival="Felix",
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
        lead="Wren",
        rival="Elder Hale",
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
        lead="Priya",
        rival="Silas",
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
        lead="Ada",
        rival="Morgan",
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
        lead="Bea",
        rival="Uncle Ray",
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
        lead="Grace",
        rival="Lena",
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
        lead="Iris",
        rival="Margot Vance",
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
        lead="Rosa",
        rival="Adrian",
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
        lead="Elena",
        rival="Theo",
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
        lead="Marisol",
        rival="Nerissa",
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
        lead="Dani",
        rival="Cole",
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
        lead="Lou",
        rival="Celeste",
        seasons=((6, 249),),
    ),
)
