"""The demo newsroom: a believable news agency generated from fixed seeds.

`load_demo_newsroom()` is what `manage.py load_demo_newsroom` (and so
`make demo`) runs. Every row is found by a natural key -- section and author
slugs, image titles, article slugs, usernames -- and only missing rows are
created, so a second run adds nothing and never overwrites what someone
edited while trying the admin (only the demo accounts get their staff flag
and role group back).

Headlines and bodies are assembled from the phrase lists below with one
`random.Random` per article, seeded by the article's position, so article N
reads the same on every machine and on every run whatever `articles` is.

The site publishes three language editions. About twenty stories run in
all three (hand-written English, Azerbaijani and Russian, the translations
linked to the English original), and the Azerbaijani and Russian editions
add pieces of their own, so every edition's front page, ticker, picks and
most-read list have content.

All texts are written for this demo; the people, companies, figures and
quotes in them are invented.
"""

from __future__ import annotations

import io
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.conf.locale import LANG_INFO
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps
from taggit.models import Tag, TaggedItem

import editions
from agency.models import FollowLink
from api.demo import ensure_demo_subscriber
from authors.models import Author, ExpertiseLine, SocialLink
from editions.translated import Translatable
from headlines.models import CuratedItem, CuratedList, TickerItem
from headlines.templatetags.headlines import EDITORS_PICKS
from images.models import Image

from . import roles, workflow
from .models import (
    Article,
    Byline,
    ReadCount,
    RelatedArticle,
    Section,
    transliterate,
)

DEFAULT_ARTICLES = 320
DEMO_PASSWORD = "demo"
LONG_ANALYSIS_SLUG = "caspian-energy-corridor-analysis"
SEED = "newsroom-demo"

# A fixed spacing (not one derived from `articles`) keeps article N at the
# same age whatever the total; the default set then covers sixty days.
SPACING = timedelta(days=60) / DEFAULT_ARTICLES
ZERO = timedelta(0)

NEWS = Article.ContentType.NEWS
ANALYSIS = Article.ContentType.ANALYSIS
INTERVIEW = Article.ContentType.INTERVIEW
OPINION = Article.ContentType.OPINION
FEATURE = Article.ContentType.FEATURE
PRESS_RELEASE = Article.ContentType.PRESS_RELEASE
PUBLISHED = Article.Status.PUBLISHED

IMAGE_CREDIT = "Newsroom demo illustration"
ARTICLE_IMAGE_SIZE = (1600, 900)
PORTRAIT_SIZE = (600, 600)


# --------------------------------------------------------------------------
# Staff, sections and authors
# --------------------------------------------------------------------------

# username, first name, last name, role group
DEMO_USERS = [
    ("journalist", "Rashad", "Guliyev", roles.JOURNALIST),
    ("editor", "Zaur", "Ismayilzade", roles.EDITOR),
    ("desk", "Lala", "Karimli", roles.DESK),
]
# The journalist account writes under this byline, so "my drafts" has content.
JOURNALIST_AUTHOR = "rashad-guliyev"

SECTIONS = [
    (
        "politics",
        "Politics",
        "Parliament, government and the parties: the decisions that shape public life.",
    ),
    ("economy", "Economy", "Energy, trade, markets and the numbers behind them."),
    (
        "society",
        "Society",
        "Schools, hospitals, transport and the people who use them.",
    ),
    (
        "culture",
        "Culture",
        "Music, carpets, books, film and heritage, from Shusha to Sheki.",
    ),
    ("sport", "Sport", "Results, squads and the stories behind the scoreboard."),
    (
        "world",
        "World",
        "The region and the wider world, reported from the capitals that matter to it.",
    ),
    (
        "official",
        "Official",
        "Decrees, appointments and statements from state bodies, as issued.",
    ),
]


@dataclass(frozen=True)
class DemoAuthor:
    name: str
    slug: str
    colour: str
    expertise: tuple[str, ...]
    degree: str
    school: str
    city: str
    biography: str
    social: tuple[tuple[str, str], ...]
    sections: tuple[str, ...]
    country: str = "Azerbaijan"


# Social handles carry a "newsroom-demo" marker so they point at nobody real.
AUTHORS = [
    DemoAuthor(
        name="Leyla Mammadova",
        slug="leyla-mammadova",
        colour="#1f6f8b",
        expertise=(
            "Senior energy analyst",
            "Oil, gas and renewables",
            "Caspian infrastructure",
        ),
        degree="MA in Economics",
        school="ADA University",
        city="Baku",
        biography=(
            "Leyla Mammadova has covered the energy sector for the agency since "
            "2012, reporting from pipeline construction sites, producers' "
            "meetings and climate conferences. Before joining the agency she "
            "was a researcher at an economic think tank. She writes the "
            "agency's weekly energy market review."
        ),
        social=(
            ("x", "https://x.com/newsroomdemo_leyla"),
            ("linkedin", "https://www.linkedin.com/in/newsroom-demo-leyla"),
        ),
        sections=("economy", "world"),
    ),
    DemoAuthor(
        name="Rashad Guliyev",
        slug="rashad-guliyev",
        colour="#8b3a1f",
        expertise=("Political correspondent", "Parliament and legislation"),
        degree="BA in Journalism",
        school="Baku State University",
        city="Baku",
        biography=(
            "Rashad Guliyev follows parliament from the press gallery: bills, "
            "committee hearings and the long nights before the budget vote. "
            "He joined the agency as an intern in 2016."
        ),
        social=(
            ("facebook", "https://www.facebook.com/newsroom.demo.rashad"),
            ("telegram", "https://t.me/newsroom_demo_rashad"),
        ),
        sections=("politics", "official"),
    ),
    DemoAuthor(
        name="Nigar Hasanova",
        slug="nigar-hasanova",
        colour="#7a2e6b",
        expertise=("Culture editor", "Music, literature and heritage"),
        degree="MA in Art History",
        school="Azerbaijan State University of Culture and Arts",
        city="Baku",
        biography=(
            "Nigar Hasanova edits the culture pages and reviews concerts, "
            "exhibitions and new translations. She has written about mugham "
            "festivals and carpet restoration for more than a decade."
        ),
        social=(
            ("instagram", "https://www.instagram.com/newsroom.demo.nigar"),
            ("facebook", "https://www.facebook.com/newsroom.demo.nigar"),
        ),
        sections=("culture",),
    ),
    DemoAuthor(
        name="Elvin Karimov",
        slug="elvin-karimov",
        colour="#2e7a3a",
        expertise=("Sports reporter", "Combat sports and chess"),
        degree="BA in Physical Education",
        school="Azerbaijan State Academy of Physical Education and Sport",
        city="Baku",
        biography=(
            "Elvin Karimov has reported from judo mats, wrestling halls and "
            "chess tournaments on four continents. A former junior wrestler, "
            "he still trains twice a week."
        ),
        social=(
            ("x", "https://x.com/newsroomdemo_elvin"),
            ("instagram", "https://www.instagram.com/newsroom.demo.elvin"),
            ("youtube", "https://www.youtube.com/@newsroom-demo-elvin"),
        ),
        sections=("sport",),
    ),
    DemoAuthor(
        name="Aysel Rzayeva",
        slug="aysel-rzayeva",
        colour="#b5651d",
        expertise=("Social affairs correspondent", "Health and education"),
        degree="MA in Public Health",
        school="Azerbaijan Medical University",
        city="Baku",
        biography=(
            "Aysel Rzayeva writes about schools, hospitals and the services "
            "families rely on. She trained in public health before moving to "
            "journalism and still reads the statistics first."
        ),
        social=(("linkedin", "https://www.linkedin.com/in/newsroom-demo-aysel"),),
        sections=("society",),
    ),
    DemoAuthor(
        name="Tural Huseynov",
        slug="tural-huseynov",
        colour="#34495e",
        expertise=(
            "Diplomatic correspondent",
            "Central Asia and the South Caucasus",
            "Has reported from 20 countries",
        ),
        degree="MA in International Relations",
        school="Baku State University",
        city="Baku",
        biography=(
            "Tural Huseynov covers foreign policy and regional summits. He has "
            "travelled with official delegations to more than twenty countries "
            "and previously worked at the agency's bureau in Ankara."
        ),
        social=(
            ("x", "https://x.com/newsroomdemo_tural"),
            ("linkedin", "https://www.linkedin.com/in/newsroom-demo-tural"),
            ("telegram", "https://t.me/newsroom_demo_tural"),
        ),
        sections=("world", "politics"),
    ),
    DemoAuthor(
        name="Gunel Ismayilova",
        slug="gunel-ismayilova",
        colour="#16a085",
        expertise=("Markets reporter", "Banking and currency"),
        degree="BSc in Finance",
        school="Azerbaijan State University of Economics (UNEC)",
        city="Baku",
        biography=(
            "Gunel Ismayilova reports on banks, the currency market and the "
            "stock exchange. She writes the agency's morning markets brief."
        ),
        social=(
            ("linkedin", "https://www.linkedin.com/in/newsroom-demo-gunel"),
            ("x", "https://x.com/newsroomdemo_gunel"),
        ),
        sections=("economy",),
    ),
    DemoAuthor(
        name="Orkhan Babayev",
        slug="orkhan-babayev",
        colour="#6d4c41",
        expertise=("Regional correspondent", "Ganja and the west of the country"),
        degree="BA in Journalism",
        school="Ganja State University",
        city="Ganja",
        biography=(
            "Orkhan Babayev runs the agency's Ganja bureau, covering farms, "
            "factories, schools and local culture in the west of the country."
        ),
        social=(
            ("facebook", "https://www.facebook.com/newsroom.demo.orkhan"),
            ("telegram", "https://t.me/newsroom_demo_orkhan"),
        ),
        sections=("society", "economy", "culture"),
    ),
    DemoAuthor(
        name="Sabina Jafarova",
        slug="sabina-jafarova",
        colour="#5b2c6f",
        expertise=(
            "Government affairs reporter",
            "Decrees, budgets and public services",
        ),
        degree="LLM in Public Law",
        school="Baku State University",
        city="Baku",
        biography=(
            "Sabina Jafarova reads the decrees so readers do not have to. A "
            "lawyer by training, she explains what new rules change for "
            "citizens and businesses."
        ),
        social=(("linkedin", "https://www.linkedin.com/in/newsroom-demo-sabina"),),
        sections=("official", "politics"),
    ),
    DemoAuthor(
        name="Kamran Najafov",
        slug="kamran-najafov",
        colour="#1a5276",
        expertise=(
            "Chief analyst",
            "Regional security and connectivity",
            "Columnist",
        ),
        degree="PhD in International Relations",
        school="Ankara University",
        city="Baku",
        biography=(
            "Kamran Najafov leads the agency's analysis desk and writes a "
            "fortnightly column on regional affairs. He taught international "
            "relations for eight years before joining the agency."
        ),
        social=(
            ("x", "https://x.com/newsroomdemo_kamran"),
            ("linkedin", "https://www.linkedin.com/in/newsroom-demo-kamran"),
            ("website", "https://example.com/newsroom-demo/kamran-najafov"),
        ),
        sections=("world", "politics", "economy"),
    ),
    DemoAuthor(
        name="Farid Abbasov",
        slug="farid-abbasov",
        colour="#c0392b",
        expertise=("Photo and video journalist", "Features and reportage"),
        degree="BA in Film Studies",
        school="Azerbaijan State University of Culture and Arts",
        city="Sheki",
        biography=(
            "Farid Abbasov travels the regions with a camera and a notebook. "
            "His photo stories on crafts and village life have been shown in "
            "Baku and Tbilisi."
        ),
        social=(
            ("instagram", "https://www.instagram.com/newsroom.demo.farid"),
            ("youtube", "https://www.youtube.com/@newsroom-demo-farid"),
        ),
        sections=("culture", "society"),
    ),
    DemoAuthor(
        name="Anna Petrova",
        slug="anna-petrova",
        colour="#2874a6",
        expertise=("Editor, Russian service", "Economy and world news"),
        degree="MA in Linguistics",
        school="Azerbaijan University of Languages",
        city="Baku",
        biography=(
            "Anna Petrova edits the agency's Russian-language service and "
            "reports on trade and regional economies."
        ),
        social=(
            ("telegram", "https://t.me/newsroom_demo_anna"),
            ("facebook", "https://www.facebook.com/newsroom.demo.anna"),
        ),
        sections=("world", "economy"),
    ),
]

# Who writes which kind of piece when the section alone does not decide it.
PREFERRED_AUTHORS = {
    ANALYSIS: ("leyla-mammadova", "kamran-najafov", "tural-huseynov"),
    OPINION: ("kamran-najafov", "leyla-mammadova", "tural-huseynov"),
    FEATURE: ("farid-abbasov", "orkhan-babayev", "nigar-hasanova"),
}


# --------------------------------------------------------------------------
# The image pool
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoImage:
    title: str
    section: str
    motif: str
    top: str
    bottom: str
    accent: str
    caption: str
    alt_text: str


ARTICLE_IMAGES = [
    DemoImage(
        "Demo: parliament building at dawn",
        "politics",
        "columns",
        "#f6c177",
        "#8e6c8a",
        "#f4ede4",
        "The parliament building in the early morning.",
        "Stylised drawing of a columned building under a pink dawn sky.",
    ),
    DemoImage(
        "Demo: government quarter skyline",
        "politics",
        "skyline",
        "#355c7d",
        "#c06c84",
        "#2a2438",
        "Government offices in the city centre at dusk.",
        "Stylised city skyline in dark silhouette against a violet evening sky.",
    ),
    DemoImage(
        "Demo: conference hall flags",
        "politics",
        "columns",
        "#a8c0d8",
        "#34495e",
        "#ecf0f1",
        "Delegations arrive for talks at the conference centre.",
        "Stylised pale building with columns against a blue-grey sky.",
    ),
    DemoImage(
        "Demo: oil platform on the Caspian",
        "economy",
        "sea",
        "#f7b267",
        "#0b3954",
        "#f25c54",
        "An offshore platform on the Caspian Sea at sunset.",
        "Stylised sea at sunset with a low red sun above the horizon.",
    ),
    DemoImage(
        "Demo: container port cranes",
        "economy",
        "skyline",
        "#9ad1d4",
        "#007ea7",
        "#003249",
        "Container cranes at a Caspian port.",
        "Stylised dark silhouettes of port structures against a turquoise sky.",
    ),
    DemoImage(
        "Demo: export figures chart",
        "economy",
        "chart",
        "#f1faee",
        "#a8dadc",
        "#1d3557",
        "Export figures for the period, in a chart.",
        "Bar chart with rising dark blue bars and a trend line.",
    ),
    DemoImage(
        "Demo: currency market chart",
        "economy",
        "chart",
        "#fefae0",
        "#dda15e",
        "#283618",
        "Trading on the currency market, illustrated.",
        "Bar chart in olive green on a warm sand background.",
    ),
    DemoImage(
        "Demo: solar farm in the steppe",
        "economy",
        "hills",
        "#ffe29a",
        "#f4a259",
        "#5b8e7d",
        "A solar farm in the steppe south of the capital.",
        "Stylised rolling green hills under a yellow afternoon sky.",
    ),
    DemoImage(
        "Demo: city boulevard at dusk",
        "society",
        "sea",
        "#ff9a8b",
        "#3d5a80",
        "#ffd166",
        "The seaside boulevard at dusk.",
        "Stylised sea with a golden sun setting behind calm waves.",
    ),
    DemoImage(
        "Demo: new residential district",
        "society",
        "skyline",
        "#cde7f0",
        "#5e8c9a",
        "#24414e",
        "A new residential district on the edge of the city.",
        "Stylised rows of apartment blocks against a pale blue sky.",
    ),
    DemoImage(
        "Demo: school courtyard in spring",
        "society",
        "hills",
        "#d8f3dc",
        "#95d5b2",
        "#2d6a4f",
        "Pupils return to school after the holidays.",
        "Stylised green hills under a soft spring sky.",
    ),
    DemoImage(
        "Demo: mountain village road",
        "society",
        "hills",
        "#bde0fe",
        "#a2d2ff",
        "#3a5a40",
        "The road to a mountain village in the north of the country.",
        "Stylised layered mountain ridges in shades of green and blue.",
    ),
    DemoImage(
        "Demo: carpet pattern",
        "culture",
        "carpet",
        "#7f1d1d",
        "#450a0a",
        "#f2c14e",
        "Detail of a carpet from the museum collection.",
        "Geometric carpet pattern of gold and blue diamonds on deep red.",
    ),
    DemoImage(
        "Demo: stained glass window",
        "culture",
        "carpet",
        "#1b263b",
        "#0d1b2a",
        "#e0a458",
        "Stained glass in a restored merchant's house.",
        "Geometric pattern of amber diamonds on a dark blue ground.",
    ),
    DemoImage(
        "Demo: old town at night",
        "culture",
        "skyline",
        "#22223b",
        "#4a4e69",
        "#141423",
        "The old town on a summer night.",
        "Stylised skyline of low old houses and a tower under a night sky.",
    ),
    DemoImage(
        "Demo: valley of the festival",
        "culture",
        "hills",
        "#ffcad4",
        "#f4acb7",
        "#6d597a",
        "Hills around the festival venue.",
        "Stylised mauve hills under a pink evening sky.",
    ),
    DemoImage(
        "Demo: football stadium",
        "sport",
        "stadium",
        "#0b132b",
        "#1c2541",
        "#3a9d23",
        "The stadium before kick-off.",
        "Stylised football pitch under floodlights with stands around it.",
    ),
    DemoImage(
        "Demo: athletics track",
        "sport",
        "stadium",
        "#5bc0eb",
        "#9bc53d",
        "#c3423f",
        "The athletics track at the national stadium.",
        "Stylised sports field in green with a red running track.",
    ),
    DemoImage(
        "Demo: wrestling hall",
        "sport",
        "stadium",
        "#2b2d42",
        "#8d99ae",
        "#ef233c",
        "The wrestling hall on championship day.",
        "Stylised arena with a red competition area in the centre.",
    ),
    DemoImage(
        "Demo: globe and routes",
        "world",
        "globe",
        "#0f2027",
        "#2c5364",
        "#f9c80e",
        "Trade routes across the region, illustrated.",
        "Stylised globe with meridians and bright lines linking cities.",
    ),
    DemoImage(
        "Demo: summit venue by the sea",
        "world",
        "sea",
        "#a1c4fd",
        "#1e3c72",
        "#fdfcdc",
        "The venue of the regional summit on the seafront.",
        "Stylised blue sea under a pale sky with a white sun.",
    ),
    DemoImage(
        "Demo: map of connections",
        "world",
        "globe",
        "#283c86",
        "#45a247",
        "#ffffff",
        "Routes linking Central Asia and Europe, illustrated.",
        "Stylised globe in blue and green with white connecting lines.",
    ),
    DemoImage(
        "Demo: state building facade",
        "official",
        "columns",
        "#e0e1dd",
        "#778da9",
        "#f8f9fa",
        "The government building on the main square.",
        "Stylised white building with columns and a triangular roof.",
    ),
    DemoImage(
        "Demo: official seal pattern",
        "official",
        "carpet",
        "#14213d",
        "#000814",
        "#fca311",
        "Official documents, illustrated.",
        "Geometric pattern of orange diamonds on a navy ground.",
    ),
]


# --------------------------------------------------------------------------
# Copy: phrase lists per section
# --------------------------------------------------------------------------

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
PERIODS = [
    "January–October",
    "the first nine months of the year",
    "the first half of the year",
    "the third quarter",
    "the past twelve months",
    "January–September",
]
PARTNERS = [
    {"partner": "Georgian", "capital": "Tbilisi"},
    {"partner": "Turkish", "capital": "Ankara"},
    {"partner": "Kazakh", "capital": "Astana"},
    {"partner": "Uzbek", "capital": "Tashkent"},
    {"partner": "Italian", "capital": "Rome"},
    {"partner": "Hungarian", "capital": "Budapest"},
    {"partner": "Romanian", "capital": "Bucharest"},
    {"partner": "Japanese", "capital": "Tokyo"},
    {"partner": "Pakistani", "capital": "Islamabad"},
    {"partner": "Kyrgyz", "capital": "Bishkek"},
]
TEAMS = ["Ganja", "Sumgayit", "Lankaran", "Sheki", "Shamakhi", "Mingachevir", "Guba"]
SPONSORS = [
    "Karvan Logistics",
    "Xazar Solar",
    "Novruz Travel",
    "Absheron Agro",
    "Silk Way Fintech",
]

# Each section: its dateline cities, headline frames (with the tags they
# imply), the values frames draw on, and what other content types need.
COPY: dict[str, dict] = {
    "politics": {
        "weight": 15,
        "cities": ["Baku"],
        "frames": [
            (
                "Parliament approves amendments to the law on {law} in {reading} "
                "reading",
                ["Parliament", "Legislation"],
            ),
            ("Parliamentary committee backs draft law on {law}", ["Legislation"]),
            ("Parliament to hold hearings on {law} on {weekday}", ["Parliament"]),
            (
                "Cabinet of Ministers reviews progress on {programme}",
                ["Government"],
            ),
            (
                "Foreign Minister meets {partner} counterpart in {capital}",
                ["Diplomacy"],
            ),
            ("{partner} parliamentary delegation visits Baku", ["Diplomacy"]),
            (
                "Baku and {capital} sign memorandum on {cooperation}",
                ["Diplomacy"],
            ),
            (
                "Central Election Commission publishes timetable for {election}",
                ["Elections"],
            ),
            (
                "Ombudsman presents annual report on {rights} to parliament",
                ["Human rights", "Parliament"],
            ),
            ("Government sets up working group on {programme}", ["Government"]),
        ],
        "slots": {
            "law": [
                "mediation",
                "public procurement",
                "access to information",
                "local self-government",
                "the civil service",
                "electronic signatures",
                "personal data",
                "consumer protection",
                "municipal property",
                "the bar and advocacy",
            ],
            "reading": ["first", "second", "third"],
            "programme": [
                "the digital government strategy",
                "regional development",
                "the employment strategy",
                "rural infrastructure",
                "the open government action plan",
                "civil service reform",
            ],
            "cooperation": [
                "transport and transit",
                "renewable energy",
                "education",
                "tourism",
                "customs procedures",
                "agriculture",
            ],
            "election": ["municipal elections", "parliamentary by-elections"],
            "rights": [
                "children's rights",
                "the rights of people with disabilities",
                "access to justice",
                "the rights of older people",
            ],
        },
        "topics": [
            "local self-government reform",
            "the new civil service code",
            "digital public services",
            "parliament's autumn agenda",
            "regional diplomacy",
            "open government",
        ],
        "speakers": ["the parliament's press service", "the government's press office"],
        "ministries": ["Ministry of Foreign Affairs", "Ministry of Justice"],
        "interviewees": [
            (
                "Ramin Gasimli",
                "constitutional lawyer",
                "Laws must be readable by the people they serve",
                "the quality of new laws",
            ),
            (
                "Sevinj Aliyarova",
                "former diplomat",
                "Diplomacy is built on timetables as much as on treaties",
                "regional diplomacy",
            ),
            (
                "Nijat Safarli",
                "political scientist",
                "Municipalities need budgets, not just duties",
                "local self-government reform",
            ),
        ],
        "features": [
            (
                "young volunteers",
                "teach pensioners to use e-government portals",
                ("Guba", "Shamakhi"),
            ),
            (
                "village councils",
                "hold their first open budget meetings",
                ("Lankaran", "Gakh"),
            ),
        ],
        "tags": ["Parliament", "Legislation", "Government", "Diplomacy"],
    },
    "economy": {
        "weight": 20,
        "cities": ["Baku", "Baku", "Baku", "Sumgayit", "Ganja", "Alat"],
        "frames": [
            ("Non-oil exports up {pct}% in {period}", ["Exports", "Trade"]),
            ("Statistics committee: GDP grows {pct}% in {period}", ["Statistics"]),
            (
                "Port handles {amount} thousand tonnes of transit cargo in {period}",
                ["Middle Corridor", "Transport"],
            ),
            (
                "Central Bank sells {amount} million dollars at currency auction",
                ["Banking", "Currency"],
            ),
            ("{company} to open {facility} in {city}", ["Investment"]),
            ("Azeri Light crude trades at {price} dollars as {driver}", ["Oil"]),
            (
                "Small businesses receive {amount} million manat in soft loans",
                ["Small business"],
            ),
            ("Tourist arrivals up {pct}% in {period}", ["Tourism"]),
            (
                "Stock exchange turnover reaches {amount} million manat in {month}",
                ["Markets"],
            ),
            ("New {facility} in {city} to create {n}0 jobs", ["Investment", "Jobs"]),
        ],
        "slots": {
            "company": [
                "Karvan Logistics",
                "Absheron Agro",
                "Xazar Solar",
                "Kura Foods",
                "Caspian Cable Works",
                "Ganja Textile",
            ],
            "facility": [
                "a solar power plant",
                "a logistics hub",
                "a textile factory",
                "a fruit-processing plant",
                "a data centre",
                "a greenhouse complex",
            ],
            "driver": [
                "traders weigh supply data",
                "the demand outlook improves",
                "inventories fall",
                "markets await producers' talks",
            ],
        },
        "topics": [
            "the Middle Corridor",
            "non-oil exports",
            "the green energy transition",
            "small business lending",
            "inflation",
            "tourism revenue",
            "the digital economy",
        ],
        "speakers": [
            "the Ministry of Economy",
            "the statistics committee",
            "the Central Bank",
        ],
        "ministries": [
            "Ministry of Economy",
            "Ministry of Energy",
            "State Tax Service",
        ],
        "interviewees": [
            (
                "Rauf Mirzayev",
                "economist",
                "Exporters need logistics, not luck",
                "non-oil exports",
            ),
            (
                "Lala Sadigova",
                "logistics consultant",
                "The corridor is open; now it needs a timetable",
                "the Middle Corridor",
            ),
            (
                "Nurlan Aghayev",
                "banker",
                "Cheap credit is only half the story",
                "small business lending",
            ),
            (
                "Zarina Osmanova",
                "renewable energy engineer",
                "Sun and wind are the next export commodity",
                "the green energy transition",
            ),
        ],
        "features": [
            ("family bakeries", "ship their first order abroad", ("Ganja", "Sumgayit")),
            (
                "young farmers",
                "bring drip irrigation to old orchards",
                ("Guba", "Gusar"),
            ),
            (
                "tea growers",
                "win over a new generation of buyers",
                ("Lankaran", "Astara"),
            ),
        ],
        "tags": ["Energy", "Trade", "Investment", "Oil"],
    },
    "society": {
        "weight": 17,
        "cities": ["Baku", "Baku", "Ganja", "Sumgayit", "Mingachevir", "Lankaran"],
        "frames": [
            ("{n} new schools to open in the regions by September", ["Education"]),
            ("Seasonal flu vaccination campaign starts in {city}", ["Health"]),
            ("Metro extends evening service on {line} line", ["Transport"]),
            ("{n}0 families in {city} move into new apartments", ["Housing"]),
            ("Volunteers plant {n} thousand trees along {place}", ["Environment"]),
            (
                "University entrance exams: {n} thousand applicants register",
                ["Education"],
            ),
            ("New bus routes link {city} suburbs to the centre", ["Transport"]),
            (
                "Temperatures to reach {temp} degrees in Baku on {weekday}",
                ["Weather"],
            ),
            ("Public service centre opens in {city}", ["Public services"]),
            ("Libraries in {city} extend opening hours for students", ["Education"]),
        ],
        "slots": {
            "line": ["Red", "Green", "Purple"],
            "place": [
                "the Baku–Sumgayit highway",
                "the Kura river",
                "the Absheron coast",
                "the Ganja ring road",
            ],
            "temp": ["31", "33", "35", "12", "8", "-2"],
        },
        "topics": [
            "school reform",
            "urban transport",
            "public health",
            "volunteering",
            "affordable housing",
            "inclusive education",
        ],
        "speakers": [
            "the Ministry of Health",
            "the Ministry of Science and Education",
            "the city executive",
        ],
        "ministries": [
            "Ministry of Health",
            "Ministry of Science and Education",
            "Ministry of Labour and Social Protection",
        ],
        "interviewees": [
            (
                "Gulnar Asgarova",
                "school director",
                "Children read more when the library comes to them",
                "reading in schools",
            ),
            (
                "Emil Mammadli",
                "urban planner",
                "A good bus timetable is social policy",
                "urban transport",
            ),
            (
                "Aytan Huseynli",
                "family doctor",
                "Prevention is the cheapest medicine",
                "public health",
            ),
            (
                "Vusal Ahmadov",
                "volunteer coordinator",
                "Young people help when you ask them properly",
                "volunteering",
            ),
        ],
        "features": [
            ("retired teachers", "run a free evening school", ("Ganja", "Mingachevir")),
            (
                "nurses",
                "take a mobile clinic to mountain villages",
                ("Gabala", "Zagatala"),
            ),
            (
                "students",
                "map every ramp and lift in the city centre",
                ("Sumgayit", "Ganja"),
            ),
        ],
        "tags": ["Education", "Health", "Transport", "Housing"],
    },
    "culture": {
        "weight": 12,
        "cities": ["Baku", "Baku", "Shusha", "Sheki", "Gabala", "Nakhchivan"],
        "frames": [
            ("{festival} opens in {city} with {n}0 performers", ["Music", "Festivals"]),
            ("Exhibition of {art} opens at {venue}", ["Exhibitions"]),
            ("New translation of {classic} published in {language}", ["Books"]),
            ("Film {film} selected for a European festival", ["Cinema"]),
            ("Restoration of {monument} completed in {city}", ["Heritage"]),
            ("Carpet weavers from {city} show their work in {capital}", ["Carpets"]),
            ("Mugham competition draws {n}0 young performers", ["Mugham", "Music"]),
        ],
        "slots": {
            "festival": [
                "The mugham festival",
                "The jazz festival",
                "The summer music festival",
                "The book fair",
                "The folk dance festival",
            ],
            "art": [
                "contemporary ceramics",
                "miniature painting",
                "early photographs of Baku",
                "shebeke stained glass",
                "carpet design",
            ],
            "venue": [
                "the Carpet Museum",
                "the National Art Museum",
                "the Museum of Modern Art",
                "the old town museum centre",
            ],
            "classic": [
                "Nizami Ganjavi's Khamsa",
                "Fuzuli's Leyli and Majnun",
                "the Book of Dede Korkut",
            ],
            "language": ["Italian", "Japanese", "Spanish", "Korean", "Polish"],
            "film": [
                '"The Salt Road"',
                '"Winter in Guba"',
                '"The Last Tar Maker"',
                '"Island of Birds"',
            ],
            "monument": [
                "a nineteenth-century caravanserai",
                "an old bathhouse",
                "a 1930s cinema",
                "a merchant's mansion",
            ],
        },
        "topics": [
            "the mugham tradition",
            "carpet weaving",
            "Baku's architecture",
            "translated literature",
            "independent cinema",
        ],
        "speakers": ["the Ministry of Culture", "the organisers", "the museum"],
        "ministries": ["Ministry of Culture"],
        "interviewees": [
            (
                "Samira Valiyeva",
                "festival curator",
                "Mugham belongs on every stage",
                "the mugham tradition",
            ),
            (
                "Teymur Rustamov",
                "film director",
                "Small films travel further than you think",
                "independent cinema",
            ),
            (
                "Narmin Gadimova",
                "carpet restorer",
                "Every knot is a decision someone made",
                "carpet weaving",
            ),
            (
                "Elchin Mehdiyev",
                "translator",
                "Nizami reads differently in every century",
                "translated literature",
            ),
        ],
        "features": [
            ("silk weavers", "teach a new generation", ("Sheki", "Basqal")),
            ("tar makers", "keep a century-old workshop open", ("Shusha", "Baku")),
            ("coppersmiths", "find buyers far beyond the bazaar", ("Lahij",)),
        ],
        "tags": ["Music", "Heritage", "Books", "Carpets"],
    },
    "sport": {
        "weight": 12,
        "cities": ["Baku", "Baku", "Ganja", "Gabala"],
        "frames": [
            ("{team} beat {team2} {score} in the First Division", ["Football"]),
            ("Judokas win {n} medals at {tournament}", ["Judo"]),
            ("Wrestlers head to {tournament} with a squad of {n}", ["Wrestling"]),
            ("Baku to host {event} in {month}", ["Events"]),
            ("Gymnastics team named for {tournament}", ["Gymnastics"]),
            ("Chess: grandmasters draw in round {n} of {chess_event}", ["Chess"]),
            (
                "City marathon opens registration for {n} thousand runners",
                ["Athletics"],
            ),
        ],
        "slots": {
            "team": TEAMS,
            "team2": TEAMS,
            "score": ["2-1", "3-1", "1-0", "2-0", "3-2", "4-1"],
            "tournament": [
                "the European Championships",
                "the Grand Slam in Paris",
                "the World Cup stage in Baku",
                "the Grand Prix in Tbilisi",
                "the Youth Games",
            ],
            "event": [
                "a gymnastics World Cup stage",
                "a judo Grand Prix",
                "a sailing regatta",
                "an international chess open",
                "a cycling tour",
            ],
            "chess_event": [
                "the Baku Open",
                "the national championship",
                "the team championship",
            ],
        },
        "topics": [
            "youth sport",
            "the judo school",
            "football in the regions",
            "chess education",
            "mass running",
        ],
        "speakers": ["the federation", "the Ministry of Youth and Sports", "the club"],
        "ministries": ["Ministry of Youth and Sports"],
        "interviewees": [
            (
                "Ilkin Zeynalov",
                "judo coach",
                "Medals start with the juniors",
                "the judo school",
            ),
            (
                "Fidan Musayeva",
                "rhythmic gymnast",
                "I train for the routine, not the scoreboard",
                "rhythmic gymnastics",
            ),
            (
                "Ruslan Hajiyev",
                "marathon organiser",
                "Ten thousand runners is a city celebrating itself",
                "mass running",
            ),
            (
                "Aydan Bagirova",
                "chess grandmaster",
                "Every game is a new conversation",
                "chess education",
            ),
        ],
        "features": [
            (
                "veteran wrestlers",
                "coach village children for free",
                ("Sheki", "Ganja"),
            ),
            (
                "women footballers",
                "play their first league season",
                ("Mingachevir", "Ganja"),
            ),
        ],
        "tags": ["Football", "Judo", "Chess", "Wrestling"],
    },
    "world": {
        "weight": 14,
        "cities": [
            "Ankara",
            "Tbilisi",
            "Astana",
            "Tashkent",
            "Brussels",
            "Geneva",
            "Istanbul",
            "Budapest",
        ],
        "frames": [
            ("Regional ministers meet in {city} to discuss {wtopic}", ["Diplomacy"]),
            ("{partner} and Azerbaijani officials agree to expand {cooperation}", []),
            ("Oil prices {move} as {driver}", ["Oil", "Energy"]),
            ("UN agency warns of {risk} in {region}", ["Climate"]),
            ("Trans-Caspian freight volumes rise, operators say", ["Middle Corridor"]),
            ("Summit in {city} focuses on {wtopic}", ["Diplomacy"]),
            ("Central Asian states discuss {wtopic} in {city}", ["Central Asia"]),
        ],
        "slots": {
            "wtopic": [
                "transport connectivity",
                "water security",
                "renewable energy",
                "food security",
                "digital trade",
                "climate adaptation",
            ],
            "cooperation": [
                "rail freight",
                "renewable energy",
                "student exchanges",
                "tourism",
                "customs procedures",
            ],
            "move": ["edge higher", "slip", "hold steady", "rise"],
            "driver": [
                "traders weigh supply data",
                "the demand outlook improves",
                "inventories fall",
            ],
            "risk": ["drought", "water shortages", "locust outbreaks", "wildfires"],
            "region": ["Central Asia", "the South Caucasus", "the Middle East"],
        },
        "topics": [
            "Caspian connectivity",
            "Central Asian water diplomacy",
            "Europe's energy diversification",
            "the Middle Corridor",
            "climate finance",
        ],
        "speakers": ["the organisers", "diplomatic sources", "the host ministry"],
        "ministries": ["Ministry of Foreign Affairs"],
        "interviewees": [
            (
                "Giorgi Beridze",
                "transport expert",
                "Ports compete, corridors cooperate",
                "Caspian connectivity",
            ),
            (
                "Aigerim Sadykova",
                "energy analyst",
                "Central Asia's power grid is the next big project",
                "Central Asian energy",
            ),
            (
                "Marco Bellini",
                "logistics executive",
                "Shippers pay for certainty, not speed",
                "the Middle Corridor",
            ),
        ],
        "features": [
            (
                "Azerbaijani students",
                "build a home away from home",
                ("Istanbul", "Budapest"),
            ),
            (
                "diaspora singers",
                "bring mugham to new audiences",
                ("Tbilisi", "Istanbul"),
            ),
        ],
        "tags": ["Diplomacy", "Central Asia", "Europe", "Energy"],
    },
    "official": {
        "weight": 10,
        "cities": ["Baku"],
        "types": {NEWS: 45, PRESS_RELEASE: 55},
        "frames": [
            (
                "Cabinet of Ministers approves rules on {rules}",
                ["Cabinet of Ministers"],
            ),
            ("Decree on {decree} signed", ["Decrees"]),
            (
                "Customs revenue reaches {amount} million manat in {period}",
                ["Customs"],
            ),
            ("Emergency ministry issues {weather} warning for {area}", ["Weather"]),
            ("{n} thousand applications processed online in {month}", ["E-government"]),
            ("New head of {body} appointed", ["Appointments"]),
            ("Deadline for {tax} declarations extended to {month}", ["Taxes"]),
        ],
        "slots": {
            "rules": [
                "state procurement portals",
                "electronic medical records",
                "licensing of tour operators",
                "the use of drones",
                "the register of cultural monuments",
                "electronic invoices",
            ],
            "decree": [
                "honorary titles for cultural figures",
                "the state youth programme",
                "support measures for exporters",
                "the celebration of Teachers' Day",
            ],
            "weather": ["strong wind", "heavy rain", "heat", "snow"],
            "area": [
                "the Absheron peninsula",
                "northern districts",
                "mountain roads",
                "the coast",
            ],
            "body": [
                "the state tourism agency",
                "the food safety agency",
                "the civil aviation administration",
                "the state archive",
            ],
            "tax": ["income tax", "property tax", "land tax"],
        },
        "topics": [
            "e-government",
            "public service delivery",
            "the state budget",
            "regulation of tourism",
        ],
        "speakers": ["the Cabinet of Ministers", "the press service", "the ministry"],
        "ministries": [
            "Cabinet of Ministers",
            "State Customs Committee",
            "Ministry of Emergency Situations",
            "Ministry of Digital Development and Transport",
        ],
        "interviewees": [
            (
                "Tamerlan Rzayev",
                "public administration expert",
                "A good form asks one question at a time",
                "e-government",
            ),
        ],
        "features": [
            ("civil servants", "answer citizens' questions on live chat", ("Baku",))
        ],
        "tags": ["Decrees", "Government", "E-government"],
    },
}

CONTENT_TYPE_WEIGHTS = {
    NEWS: 52,
    ANALYSIS: 10,
    INTERVIEW: 8,
    OPINION: 8,
    FEATURE: 8,
    PRESS_RELEASE: 14,
}
SPORT_TYPE_WEIGHTS = {NEWS: 66, INTERVIEW: 14, FEATURE: 12, OPINION: 5, ANALYSIS: 3}

ANALYSIS_FRAMES = [
    "Why {topic} matters more than ever",
    "{Topic}: what the latest numbers tell us",
    "How {topic} is changing the region",
    "{Topic}: three questions for the year ahead",
    "What is behind the new push on {topic}",
    "{Topic} explained: who gains and who pays",
]
OPINION_FRAMES = [
    "{Topic} needs patience, not slogans",
    "The quiet success of {topic}",
    "It is time to rethink {topic}",
    "What {topic} can learn from its neighbours",
    "An honest conversation about {topic} is overdue",
]
INTERVIEW_FRAMES = [
    "{Role} {person}: \u201c{quote}\u201d",
    "\u201c{quote}\u201d: {role} {person} on {topic}",
    "Interview: {role} {person} on {topic}",
    "{person} on {topic}: \u201cThe next year will be decisive\u201d",
]
FEATURE_FRAMES = [
    "In {fcity}, {people} {activity}",
    "{People} of {fcity} {activity}",
]
PRESS_RELEASE_FRAMES = [
    "{ministry} announces results of {pr_event}",
    "{ministry} launches public consultation on {topic}",
    "{ministry} reports on its work in {period}",
    "{ministry} holds briefing on {topic}",
    "{ministry} opens applications for {pr_programme}",
    "{ministry} signs cooperation agreement with {pr_partner}",
]
PRESS_RELEASE_SLOTS = {
    "pr_event": [
        "the annual board meeting",
        "regional reception days",
        "a nationwide inspection",
        "an international conference",
    ],
    "pr_programme": [
        "the young specialists programme",
        "state grants for NGOs",
        "its summer internship scheme",
        "the innovation award",
    ],
    "pr_partner": [
        "regional universities",
        "business associations",
        "municipalities",
        "international partners",
    ],
}

LEADS = {
    NEWS: [
        "{Speaker} made the announcement in {city} on {weekday}.",
        "Details were announced on {weekday}, {speaker} told the agency.",
        "The news was confirmed on {weekday} by {speaker}.",
    ],
    ANALYSIS: [
        "The figures, the players and the risks behind {topic}, explained.",
        "{Topic} has moved up the agenda. The agency looks at why, and at "
        "what could slow it down.",
    ],
    INTERVIEW: [
        "The {role} talks to the agency about {topic}, what has changed and "
        "what comes next.",
    ],
    OPINION: [
        "{Topic} deserves a calmer, more practical conversation, the author argues.",
        "The debate about {topic} is too often about slogans. It should be "
        "about results.",
    ],
    FEATURE: [
        "A visit to {fcity}, where {people} {activity}.",
        "In {fcity}, {people} {activity}. The agency went to see how.",
    ],
    PRESS_RELEASE: [
        "The {ministry} has issued the following statement.",
        "The press service of the {ministry} reports.",
    ],
}

NEWS_OPENINGS = [
    "Officials said the step followed several rounds of consultation with "
    "experts, regional authorities and the public.",
    "The matter has been discussed by specialists for some time, and the "
    "decision was widely expected.",
    "According to {speaker}, preparations took several months and involved "
    "specialists from {city2} and {city3}.",
]
NEWS_DETAILS = [
    "According to the statement, {n2} institutions will take part in the first "
    "stage, with the rest joining from {month}.",
    "A working group of {n} specialists has been set up to monitor the work and "
    "report back within three months.",
    "Funding of {amount} million manat has been earmarked for the work, the "
    "statement said.",
    "Offices in {city2} and {city3} will be the first to apply the new procedure.",
    "Specialists have discussed the step for several years, and earlier pilots "
    "in {city2} were judged a success.",
]
NEWS_QUOTES = [
    "We expect the first results to be visible within months",
    "The public will be kept informed at every stage",
    "This is a practical step, not a symbolic one",
    "The priority is to make the procedure simple for citizens",
]
NEWS_ATTRIBUTIONS = ["a spokesperson said", "an official told the agency"]
NEWS_CLOSINGS = [
    "Further details will be published on the official website in the coming days.",
    "The agency will report on the next stage of the process.",
    "The next review is scheduled for {month}.",
]
ANALYSIS_SECTIONS = [
    (
        "Background",
        [
            "Work on {topic} did not start this year. Its roots go back to "
            "decisions taken almost a decade ago, when {speaker} first set out "
            "targets that looked ambitious at the time.",
            "What has changed is the pace. In {period} alone, the main indicator "
            "moved by {pct} per cent, more than in the previous two years "
            "combined.",
        ],
    ),
    (
        "What the numbers show",
        [
            "The headline figure hides large differences between regions. "
            "{city2} and {city3} account for most of the growth, while smaller "
            "districts are catching up slowly.",
            "Spending has followed the same pattern: about {amount} million manat "
            "has been committed so far, most of it to a handful of large "
            "projects.",
        ],
    ),
    (
        "The regional picture",
        [
            "Neighbouring countries are pursuing similar goals, sometimes in "
            "competition and sometimes in partnership. Specialists interviewed "
            "by the agency agree that coordination matters more than speed.",
        ],
    ),
    (
        "What comes next",
        [
            "The next milestone is expected in {month}, when {speaker} is due to "
            "publish an updated plan.",
            "Whether {topic} keeps its momentum will depend less on "
            "announcements than on implementation: budgets, people and "
            "procedures that work outside the capital.",
        ],
    ),
]
INTERVIEW_QUESTIONS = [
    (
        "What has changed in {topic} over the past year?",
        "Quite a lot, though not always in ways that make headlines. The "
        "biggest change is in attitudes: people now expect results, and they "
        "expect them quickly.",
    ),
    (
        "What is the biggest obstacle today?",
        "Time and people. There are good plans, but not enough trained "
        "specialists to carry them out outside the big cities.",
    ),
    (
        "You often say: '{quote}'. What do you mean by that?",
        "{quote}. It sounds simple, but everything else follows from it, "
        "including how we spend money and how we measure success.",
    ),
    (
        "What would you tell young people thinking about this field?",
        "Come and try it. Nobody starts as an expert; you learn by doing, and "
        "there has rarely been a better moment to start.",
    ),
    (
        "Where do you see things in five years?",
        "I am optimistic, cautiously. If the current pace holds, {topic} will "
        "look very different, and {city} will be one of the places that shows "
        "it first.",
    ),
]
OPINION_PARAGRAPHS = [
    "Few subjects are discussed as often, and understood as little, as {topic}. "
    "Every few months a new plan is announced, a new figure is quoted, and the "
    "conversation starts again from the beginning.",
    "The numbers are not the problem. Over {period}, the main indicators "
    "improved by {pct} per cent, a result many countries would envy. The "
    "problem is that numbers alone do not tell citizens what changes for them.",
    "What is missing is patience and plain language: clear goals, published "
    "timetables and honest reports when something does not work. None of this "
    "is expensive. All of it builds trust.",
    "Neighbouring countries offer useful lessons, both good and bad. The good "
    "ones have something in common: they chose a few priorities and kept them "
    "for longer than one budget cycle.",
    "The next year will show whether {topic} becomes a success story or another "
    "good intention. The tools are there. What matters now is using them "
    "consistently.",
]
OPINION_DISCLAIMER = "<p><em>The views expressed are the author's own.</em></p>"
FEATURE_SECTIONS = [
    (
        None,
        [
            "It is early morning in {fcity}, and the {people} are already at "
            "work. For them, this is not a hobby or a project but a way of "
            "life.",
            "Over the past few years, {people} here have found a way to "
            "{activity}, and the town has noticed.",
        ],
    ),
    (
        "How it started",
        [
            "It began with a handful of people and no budget. Today there are "
            "{n} regular participants, and the waiting list is growing.",
            '"We did not plan any of this," one of them says. "{quote}."',
        ],
    ),
    (
        "What comes next",
        [
            "The group hopes to share its experience with neighbouring districts "
            "and is talking to {city2} about a similar scheme.",
            "For now, the work goes on as it always has: patiently, by hand, "
            "one day at a time.",
        ],
    ),
]
FEATURE_QUOTES = [
    "It grew because people kept coming back",
    "You cannot learn this from a book; you learn it side by side",
    "Every season we think we have seen everything, and every season we are wrong",
]
PRESS_RELEASE_PARAGRAPHS = [
    "The {ministry} reports that work in this area continued according to "
    "plan in {period}.",
    "During the period, {n} events were held with the participation of "
    "specialists from {city2}, {city3} and other regions.",
    "Particular attention was paid to {topic}. Proposals received from the "
    "public will be reviewed and taken into account.",
    "The {ministry} thanks all participants and partner organisations for "
    "their cooperation.",
    "Further information is available from the press service of the {ministry}.",
]


# --------------------------------------------------------------------------
# Hand-written showcase pieces
# --------------------------------------------------------------------------

LONG_ANALYSIS_BODY = """
<p>For most of the last century, the Caspian Sea appeared on maps and in
policy papers as a lake at the end of the road. Oil left it through a handful
of pipelines, goods crossed it slowly if at all, and the countries on its
shores traded more with distant capitals than with one another. That picture
has changed faster than many expected.</p>
<p>Today the region is discussed as a corridor: a chain of pipelines, ports,
railways and, increasingly, power lines that link Central Asia with the Black
Sea and Europe. The shift is partly geography reasserting itself and partly
the result of decisions taken over two decades by governments and companies
that bet on connectivity.</p>
<h2>From pipelines to a network</h2>
<p>The first generation of infrastructure was about hydrocarbons. Export
pipelines to the west gave producers access to Mediterranean and European
markets and a steady stream of revenue that paid for much of what
followed.</p>
<p>The second generation is broader. Ports on both shores have been expanded,
ferry fleets renewed and railway links upgraded so that containers can travel
between East Asia and Europe along a southern route. The corridor is no longer
one pipe but a network, and networks behave differently: each new link makes
the others more valuable.</p>
<h3>Ports and rail</h3>
<p>Cargo volumes along the route have grown strongly in recent years, if from
a low base. Operators say the bottleneck is no longer the sea crossing itself
but the paperwork and the handovers between railways with different rules,
gauges and timetables. Their wish list is short and practical:</p>
<ul>
<li>Customs: single-window procedures and electronic pre-declaration, so that
a container is cleared before it reaches the border.</li>
<li>Rolling stock: more flat wagons and ferries to absorb seasonal peaks.</li>
<li>Timetables: block trains on fixed schedules, which make the route
predictable for shippers.</li>
<li>Tariffs: a single through-rate for the whole journey, still a work in
progress.</li>
</ul>
<h3>Power lines under the sea</h3>
<p>The newest element is electricity. Plans for a high-voltage cable under the
Black Sea, fed by wind and solar farms around the Caspian, would make the
region an exporter of green power as well as of oil and gas. Engineers
describe the project as demanding but feasible; financiers want to see
long-term purchase agreements before they commit.</p>
<h2>Why it matters now</h2>
<p>Three developments have turned the corridor from an idea into a priority.
Europe's search for new suppliers has raised demand for both gas and
electricity from the region. Trade between Asia and Europe is looking for
routes that spread risk. And the Caspian states themselves want to earn more
from transit and services as income from crude levels off.</p>
<blockquote><p>"The corridor will be judged not by the number of agreements
signed but by how many days it takes a container to cross it."</p>
</blockquote>
<p>That remark, made by a logistics manager at an industry conference in Baku
this autumn, sums up the mood among practitioners: optimism about the
direction, impatience about the pace.</p>
<h2>The risks</h2>
<h3>Capacity and cost</h3>
<p>Demand has at times outrun capacity. When volumes jump, ports fill up,
ferries run late and shippers return to longer but more predictable routes.
Building capacity ahead of demand is expensive, and nobody wants to pay for
berths that stand empty.</p>
<h3>Competing routes</h3>
<p>The corridor does not exist in isolation. Northern and southern
alternatives compete on price and speed, and their fortunes rise and fall
with freight rates and politics. The southern route's best argument is
reliability, which is why timetables matter as much as tracks.</p>
<h3>Climate and water</h3>
<p>Falling water levels in the Caspian are a growing concern for ports and
shipping channels, which need more dredging every year. The same warming that
drives demand for renewable power also puts pressure on the infrastructure
built to carry it.</p>
<h2>What to watch</h2>
<ol>
<li>Whether through-tariffs and digital customs are agreed by all the
countries along the route.</li>
<li>Final investment decisions on the undersea power cable.</li>
<li>Port expansion on the eastern shore, where waiting times are longest.</li>
</ol>
<p>None of these is spectacular, and that is the point. The corridor's next
chapter will be written less in summit declarations than in timetables,
tariffs and customs software. If those details fall into place, the lake at
the end of the road will have become a crossroads.</p>
"""


@dataclass
class Spec:
    """One article as the generator describes it, before it becomes a row."""

    slug: str
    headline: str
    lead: str
    body: str
    section: str
    content_type: str
    # How long ago it went live; negative for scheduled, None if never.
    age: timedelta | None
    status: str = PUBLISHED
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    dateline_city: str = "Baku"
    source: str = ""
    urgency: int = 5
    is_exclusive: bool = False
    has_video: bool = False
    has_photos: bool = False
    partner_name: str = ""
    language: str = "en"
    translation_of: str | None = None
    related: list[str] = field(default_factory=list)
    # Where the workflow takes the piece after it is saved as a draft:
    # "submitted", "returned" or "scheduled" (`ahead` of the load time).
    workflow: str = ""
    ahead: timedelta | None = None

    # Slot values the body must use, for hand-written headlines.
    ctx: dict[str, str] = field(default_factory=dict)

    @property
    def is_live(self) -> bool:
        return self.status == PUBLISHED and self.age is not None and self.age > ZERO


def _showcase() -> list[Spec]:
    """English pieces that make sure every content type and marker shows;
    `_stories()` gives them their translations."""
    minutes = lambda n: timedelta(minutes=n)  # noqa: E731
    energy = "Demo: oil platform on the Caspian"
    return [
        Spec(
            slug="earthquake-felt-in-shamakhi-no-damage-reported",
            headline="Magnitude 4.1 earthquake felt in Shamakhi, no damage reported",
            lead=(
                "The tremor was recorded at a depth of about 10 kilometres, "
                "seismologists said."
            ),
            body=(
                "<p>An earthquake of magnitude 4.1 was felt in Shamakhi and "
                "neighbouring districts on Tuesday morning, the seismic survey "
                "centre said.</p><p>No damage or injuries have been reported, "
                "the emergency ministry told the agency. Residents described a "
                "short, sharp shake lasting a few seconds.</p><p>The region is "
                "seismically active, and tremors of this strength are recorded "
                "several times a year.</p>"
            ),
            section="society",
            content_type=NEWS,
            age=minutes(14),
            urgency=1,
            dateline_city="Shamakhi",
            tags=["Earthquake", "Breaking"],
            image="Demo: mountain village road",
        ),
        Spec(
            slug="central-bank-leaves-refinancing-rate-unchanged",
            headline="Central Bank leaves refinancing rate unchanged",
            lead="The decision reflects slowing inflation, the bank said.",
            body=(
                "<p>The Central Bank's board kept the refinancing rate "
                "unchanged at its meeting on Wednesday, the bank said in a "
                "statement.</p><p>Annual inflation has slowed for the fifth "
                "month in a row and remains within the target range, the "
                "statement said. The next decision is due in six weeks.</p>"
            ),
            section="economy",
            content_type=NEWS,
            age=minutes(55),
            urgency=2,
            authors=["gunel-ismayilova"],
            tags=["Banking", "Breaking"],
            image="Demo: currency market chart",
        ),
        Spec(
            slug=LONG_ANALYSIS_SLUG,
            headline=(
                "The Caspian energy corridor: how a transit route became a strategy"
            ),
            lead=(
                "Pipelines, ports, rail and a planned undersea power cable are "
                "turning the Caspian into a crossroads rather than a dead end. "
                "The agency's senior energy analyst looks at what has been "
                "built, what is planned and what could still go wrong."
            ),
            body=LONG_ANALYSIS_BODY,
            section="economy",
            content_type=ANALYSIS,
            age=minutes(5 * 60),
            is_exclusive=True,
            authors=["leyla-mammadova"],
            tags=["Energy", "Middle Corridor", "Caspian"],
            image=energy,
        ),
        Spec(
            slug="ministry-of-economy-non-oil-exports-ten-months",
            headline="Ministry of Economy: non-oil exports grew over ten months",
            lead="The press service of the Ministry of Economy reports.",
            body=(
                "<p>Non-oil exports grew in January–October compared with the "
                "same period last year, the Ministry of Economy reports.</p>"
                "<p>Fruit and vegetables, textiles, chemicals and aluminium "
                "accounted for the largest share of the increase. The number "
                "of exporting companies also rose.</p><p>The ministry will "
                "continue to support exporters through trade missions, export "
                "promotion programmes and digital customs services.</p>"
            ),
            section="official",
            content_type=PRESS_RELEASE,
            age=minutes(3 * 60),
            source="Press service of the Ministry of Economy",
            tags=["Exports", "Trade"],
            image="Demo: export figures chart",
        ),
        Spec(
            slug="festival-curator-mugham-belongs-on-every-stage",
            headline=(
                "Festival curator Samira Valiyeva: "
                "\u201cMugham belongs on every stage\u201d"
            ),
            lead=(
                "The curator of the mugham festival talks about young "
                "performers, new audiences and why the tradition keeps "
                "changing."
            ),
            body="",
            section="culture",
            content_type=INTERVIEW,
            age=minutes(9 * 60),
            has_video=True,
            authors=["nigar-hasanova", "farid-abbasov"],
            tags=["Mugham", "Music", "Video"],
            image="Demo: valley of the festival",
            ctx={
                "person": "Samira Valiyeva",
                "role": "festival curator",
                "quote": "Mugham belongs on every stage",
                "topic": "the mugham tradition",
                "city": "Shusha",
            },
        ),
        Spec(
            slug="regional-connectivity-needs-timetables-not-just-routes",
            headline="Regional connectivity needs timetables, not just routes",
            lead=(
                "Maps of new corridors are impressive. Shippers care about "
                "something duller: whether the train leaves on time."
            ),
            body="",
            section="world",
            content_type=OPINION,
            age=minutes(20 * 60),
            authors=["kamran-najafov"],
            tags=["Middle Corridor", "Opinion"],
            image="Demo: globe and routes",
            ctx={"topic": "regional connectivity"},
        ),
        Spec(
            slug="in-sheki-silk-weavers-teach-a-new-generation",
            headline="In Sheki, silk weavers teach a new generation",
            lead=(
                "A photo story from the workshops where the craft passes from "
                "hand to hand."
            ),
            body="",
            section="culture",
            content_type=FEATURE,
            age=minutes(26 * 60),
            has_photos=True,
            dateline_city="Sheki",
            authors=["farid-abbasov"],
            tags=["Heritage", "Photo story"],
            image="Demo: carpet pattern",
            ctx={
                "fcity": "Sheki",
                "people": "silk weavers",
                "activity": "teach a new generation",
                "city2": "Gabala",
            },
        ),
        Spec(
            slug="small-exporters-rail-freight-to-europe",
            headline="How small exporters use rail freight to reach Europe",
            lead=(
                "Consolidated rail shipments let small producers send a few "
                "pallets instead of a whole container."
            ),
            body=(
                "<p>Until recently, a small producer who wanted to sell abroad "
                "had two options: fill a whole container or pay for air "
                "freight. Consolidated rail shipments offer a third.</p>"
                "<h2>A few pallets at a time</h2><p>Freight forwarders now "
                "collect goods from several exporters, load them into shared "
                "containers and send them west on scheduled block trains. "
                "Producers of dried fruit, tea and textiles are among the first "
                "users.</p><p>\u201cA family business does not need forty feet "
                "of container. It needs four pallets and a date it can rely "
                "on,\u201d says a sales manager at the forwarder.</p><h2>What "
                "exporters should check</h2><ul><li>Documents: certificates of "
                "origin and phytosanitary papers before loading.</li><li>"
                "Packaging: pallets that survive several transfers.</li><li>"
                "Insurance: cover for the whole route, sea crossing included."
                "</li></ul><p><em>This article was produced in partnership "
                "with Karvan Logistics.</em></p>"
            ),
            section="economy",
            content_type=FEATURE,
            age=minutes(50 * 60),
            partner_name="Karvan Logistics",
            tags=["Middle Corridor", "Exports"],
            image="Demo: container port cranes",
        ),
    ]


# --------------------------------------------------------------------------
# Language editions: stories told in all three, and each edition's own
# --------------------------------------------------------------------------

# The English original's language; translations point at a piece in it.
ORIGINAL_LANGUAGE = "en"
TRANSLATION_LANGUAGES = ("az", "ru")

SECTION_NAMES = {
    "politics": {"az": "Siyasət", "ru": "Политика"},
    "economy": {"az": "İqtisadiyyat", "ru": "Экономика"},
    "society": {"az": "Cəmiyyət", "ru": "Общество"},
    "culture": {"az": "Mədəniyyət", "ru": "Культура"},
    "sport": {"az": "İdman", "ru": "Спорт"},
    "world": {"az": "Dünya", "ru": "В мире"},
    "official": {"az": "Rəsmi", "ru": "Официально"},
}

# Every author's expertise lines, by their English text.
EXPERTISE_TRANSLATIONS = {
    "Senior energy analyst": {
        "az": "Baş enerji analitiki",
        "ru": "Старший аналитик по энергетике",
    },
    "Oil, gas and renewables": {
        "az": "Neft, qaz və bərpa olunan enerji",
        "ru": "Нефть, газ и возобновляемая энергетика",
    },
    "Caspian infrastructure": {
        "az": "Xəzər infrastrukturu",
        "ru": "Каспийская инфраструктура",
    },
    "Political correspondent": {
        "az": "Siyasi müxbir",
        "ru": "Политический корреспондент",
    },
    "Parliament and legislation": {
        "az": "Parlament və qanunvericilik",
        "ru": "Парламент и законодательство",
    },
    "Culture editor": {"az": "Mədəniyyət redaktoru", "ru": "Редактор отдела культуры"},
    "Music, literature and heritage": {
        "az": "Musiqi, ədəbiyyat və irs",
        "ru": "Музыка, литература и наследие",
    },
    "Sports reporter": {"az": "İdman müxbiri", "ru": "Спортивный корреспондент"},
    "Combat sports and chess": {
        "az": "Döyüş idman növləri və şahmat",
        "ru": "Единоборства и шахматы",
    },
    "Social affairs correspondent": {
        "az": "Sosial məsələlər üzrə müxbir",
        "ru": "Корреспондент по социальным вопросам",
    },
    "Health and education": {
        "az": "Səhiyyə və təhsil",
        "ru": "Здравоохранение и образование",
    },
    "Diplomatic correspondent": {
        "az": "Diplomatik müxbir",
        "ru": "Дипломатический корреспондент",
    },
    "Central Asia and the South Caucasus": {
        "az": "Mərkəzi Asiya və Cənubi Qafqaz",
        "ru": "Центральная Азия и Южный Кавказ",
    },
    "Has reported from 20 countries": {
        "az": "20 ölkədən reportaj hazırlayıb",
        "ru": "Вёл репортажи из 20 стран",
    },
    "Markets reporter": {
        "az": "Maliyyə bazarları üzrə müxbir",
        "ru": "Корреспондент по финансовым рынкам",
    },
    "Banking and currency": {
        "az": "Bank sektoru və valyuta",
        "ru": "Банки и валютный рынок",
    },
    "Regional correspondent": {
        "az": "Regional müxbir",
        "ru": "Региональный корреспондент",
    },
    "Ganja and the west of the country": {
        "az": "Gəncə və ölkənin qərb bölgəsi",
        "ru": "Гянджа и запад страны",
    },
    "Government affairs reporter": {
        "az": "Dövlət idarəçiliyi üzrə müxbir",
        "ru": "Корреспондент по вопросам госуправления",
    },
    "Decrees, budgets and public services": {
        "az": "Fərmanlar, büdcələr və dövlət xidmətləri",
        "ru": "Указы, бюджеты и госуслуги",
    },
    "Chief analyst": {"az": "Baş analitik", "ru": "Главный аналитик"},
    "Regional security and connectivity": {
        "az": "Regional təhlükəsizlik və nəqliyyat əlaqələri",
        "ru": "Региональная безопасность и транспортная связанность",
    },
    "Columnist": {"az": "Köşə yazarı", "ru": "Колумнист"},
    "Photo and video journalist": {
        "az": "Foto və video jurnalist",
        "ru": "Фото- и видеожурналист",
    },
    "Features and reportage": {
        "az": "Oçerk və reportajlar",
        "ru": "Очерки и репортажи",
    },
    "Editor, Russian service": {
        "az": "Rus xidmətinin redaktoru",
        "ru": "Редактор русской службы",
    },
    "Economy and world news": {
        "az": "İqtisadiyyat və dünya xəbərləri",
        "ru": "Экономика и международные новости",
    },
}

# Datelines in each edition's spelling.
CITY_NAMES = {
    "Baku": {"az": "Bakı", "ru": "Баку"},
    "Shamakhi": {"az": "Şamaxı", "ru": "Шемаха"},
    "Sheki": {"az": "Şəki", "ru": "Шеки"},
    "Ganja": {"az": "Gəncə", "ru": "Гянджа"},
    "Guba": {"az": "Quba", "ru": "Губа"},
    "Sumgayit": {"az": "Sumqayıt", "ru": "Сумгайыт"},
    "Shusha": {"az": "Şuşa", "ru": "Шуша"},
    "Astana": {"az": "Astana", "ru": "Астана"},
    "Tashkent": {"az": "Daşkənd", "ru": "Ташкент"},
    "Tbilisi": {"az": "Tbilisi", "ru": "Тбилиси"},
    "Budapest": {"az": "Budapeşt", "ru": "Будапешт"},
}


def _city(name: str, language: str) -> str:
    return CITY_NAMES.get(name, {}).get(language, name)


def _html(blocks: tuple[str, ...] | list[str]) -> str:
    """Body HTML from plain blocks: "## " opens a subheading, "? " is an
    interview question, "- " a list item (neighbours share one list), "_ "
    an italic note; any other block is a paragraph."""
    parts: list[str] = []
    items: list[str] = []
    for block in blocks:
        if block.startswith("- "):
            items.append(f"<li>{block[2:]}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if block.startswith("## "):
            parts.append(f"<h2>{block[3:]}</h2>")
        elif block.startswith("? "):
            parts.append(f"<p><strong>{block[2:]}</strong></p>")
        elif block.startswith("_ "):
            parts.append(f"<p><em>{block[2:]}</em></p>")
        else:
            parts.append(f"<p>{block}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)


@dataclass(frozen=True)
class Version:
    """A story's text in one language."""

    headline: str
    lead: str
    body: tuple[str, ...]
    source: str = ""


@dataclass
class Story:
    """One story in every edition: the English original (a showcase piece
    named by `slug`, or the new piece `original`) and its translations,
    which go live `delays` minutes (az, ru) after it."""

    slug: str
    az: Version
    ru: Version
    original: Spec | None = None
    delays: tuple[int, int] = (25, 40)


def _story_original(slug: str, version: Version, minutes: int, **fields) -> Spec:
    return Spec(
        slug=slug,
        headline=version.headline,
        lead=version.lead,
        body=_html(version.body),
        age=timedelta(minutes=minutes),
        source=version.source,
        **fields,
    )


def _stories() -> list[Story]:
    """The stories the agency runs in English, Azerbaijani and Russian."""
    return [
        Story(
            slug="earthquake-felt-in-shamakhi-no-damage-reported",
            delays=(4, 8),
            az=Version(
                "Şamaxıda 4,1 maqnitudalı zəlzələ hiss olunub, dağıntı yoxdur",
                "Seysmoloqların sözlərinə görə, zəlzələnin ocağı təxminən 10 "
                "kilometr dərinlikdə yerləşib.",
                (
                    "Çərşənbə axşamı səhər saatlarında Şamaxı və qonşu rayonlarda "
                    "4,1 maqnitudalı zəlzələ hiss olunub, Seysmoloji Xidmət "
                    "Mərkəzi məlumat yayıb.",
                    "## Dağıntı və xəsarət yoxdur",
                    "Fövqəladə Hallar Nazirliyi agentliyə bildirib ki, dağıntı və "
                    "xəsarət alan barədə məlumat daxil olmayıb. Sakinlər bir neçə "
                    "saniyə davam edən qısa, lakin güclü təkan hiss etdiklərini "
                    "deyirlər.",
                    "Bölgə seysmik cəhətdən aktivdir və bu gücdə təkanlar burada "
                    "ildə bir neçə dəfə qeydə alınır.",
                ),
            ),
            ru=Version(
                "В Шемахе ощущалось землетрясение магнитудой 4,1, разрушений нет",
                "Очаг залегал на глубине около 10 километров, сообщили сейсмологи.",
                (
                    "Землетрясение магнитудой 4,1 ощущалось во вторник утром в "
                    "Шемахе и соседних районах, сообщил Центр сейсмологической "
                    "службы.",
                    "## Пострадавших нет",
                    "О разрушениях и пострадавших не сообщается, заявили агентству "
                    "в МЧС. По словам жителей, толчок был коротким и резким и "
                    "длился несколько секунд.",
                    "Регион сейсмически активен: толчки такой силы фиксируются "
                    "здесь несколько раз в год.",
                ),
            ),
        ),
        Story(
            slug="central-bank-leaves-refinancing-rate-unchanged",
            delays=(12, 20),
            az=Version(
                "Mərkəzi Bank uçot dərəcəsini dəyişməz saxlayıb",
                "Bankın açıqlamasına görə, qərar inflyasiyanın yavaşlamasını "
                "əks etdirir.",
                (
                    "Mərkəzi Bankın İdarə Heyəti çərşənbə günü keçirdiyi iclasda "
                    "uçot dərəcəsini dəyişməz saxlayıb, bank yaydığı açıqlamada "
                    "bildirir.",
                    "## İnflyasiya hədəf daxilindədir",
                    "Açıqlamaya görə, illik inflyasiya ardıcıl beşinci aydır "
                    "yavaşlayır və hədəf diapazonunda qalır.",
                    "Uçot dərəcəsi ilə bağlı növbəti qərar altı həftədən sonra "
                    "açıqlanacaq.",
                ),
            ),
            ru=Version(
                "Центробанк сохранил учётную ставку без изменений",
                "Решение отражает замедление инфляции, сообщил банк.",
                (
                    "Правление Центрального банка на заседании в среду сохранило "
                    "учётную ставку на прежнем уровне, говорится в сообщении "
                    "банка.",
                    "## Инфляция в пределах цели",
                    "Годовая инфляция замедляется пятый месяц подряд и остаётся "
                    "в пределах целевого диапазона, отмечается в сообщении.",
                    "Следующее решение по ставке будет объявлено через шесть недель.",
                ),
            ),
        ),
        Story(
            slug=LONG_ANALYSIS_SLUG,
            delays=(60, 80),
            az=Version(
                "Xəzər enerji dəhlizi: tranzit marşrutu necə strategiyaya çevrildi",
                "Boru kəmərləri, limanlar, dəmir yolu və planlaşdırılan sualtı "
                "elektrik kabeli Xəzəri yolun sonundan kəsişmə nöqtəsinə "
                "çevirir.",
                (
                    "Uzun illər Xəzər dənizi xəritələrdə və siyasi sənədlərdə "
                    "yolun sonundakı göl kimi təsvir olunurdu. Neft onu bir neçə "
                    "boru kəməri ilə tərk edirdi, yüklərin isə böyük hissəsi "
                    "başqa yollarla daşınırdı.",
                    "## Boru kəmərlərindən şəbəkəyə",
                    "Bu gün region boru kəmərləri, limanlar, dəmir yolları və "
                    "elektrik xətlərindən ibarət dəhliz kimi müzakirə olunur. Bu "
                    "mənzərə gözləniləndən daha sürətlə dəyişib.",
                    "## Limanlar və dəmir yolları",
                    "Limanların genişləndirilməsi və şərq sahilindəki yeni "
                    "terminallar bərə reyslərini daha müntəzəm edib. Yükdaşıyanlar "
                    "üçün isə əsas məsələ marşrutun uzunluğu deyil, qatarın "
                    "vaxtında yola düşməsidir.",
                    "## Nəyə diqqət yetirməli",
                    "- Vahid tranzit tarifləri.",
                    "- Sualtı elektrik kabeli layihəsi üzrə qərarlar.",
                    "- Şərq sahilində limanların genişləndirilməsi.",
                    "Bu detallar öz yerini tapsa, yolun sonundakı göl kəsişmə "
                    "nöqtəsinə çevriləcək.",
                ),
            ),
            ru=Version(
                "Каспийский энергетический коридор: как транзитный маршрут стал "
                "стратегией",
                "Трубопроводы, порты, железные дороги и планируемый подводный "
                "кабель превращают Каспий из тупика в перекрёсток.",
                (
                    "Долгое время Каспийское море описывали на картах и в "
                    "аналитических записках как озеро в конце дороги. Первые "
                    "экспортные трубопроводы строились ради одного: вывести на "
                    "мировой рынок нефть шельфовых нефтяных месторождений.",
                    "## От трубопроводов к сети",
                    "Сегодня регион обсуждают как коридор — цепочку "
                    "трубопроводов, портов, железных дорог и линий "
                    "электропередачи. Эта картина изменилась быстрее, чем многие "
                    "ожидали.",
                    "## Порты и железные дороги",
                    "Расширение портов и новые терминалы на восточном берегу "
                    "сделали паромное сообщение регулярнее. Для "
                    "грузоотправителей важна не длина маршрута, а то, уходит ли "
                    "поезд по расписанию.",
                    "## За чем следить",
                    "- Единые сквозные тарифы.",
                    "- Решения по подводному кабелю.",
                    "- Расширение портов на восточном берегу.",
                    "Если эти детали сложатся, озеро в конце дороги станет "
                    "перекрёстком.",
                ),
            ),
        ),
        Story(
            slug="ministry-of-economy-non-oil-exports-ten-months",
            delays=(30, 40),
            az=Version(
                "İqtisadiyyat Nazirliyi: on ayda qeyri-neft ixracı artıb",
                "İqtisadiyyat Nazirliyinin mətbuat xidməti məlumat verir.",
                (
                    "Yanvar–oktyabr aylarında qeyri-neft ixracı ötən ilin eyni "
                    "dövrü ilə müqayisədə artıb, İqtisadiyyat Nazirliyi məlumat "
                    "verir.",
                    "## Artımın mənbələri",
                    "Artımın əsas hissəsi meyvə-tərəvəz, toxuculuq, kimya və "
                    "alüminium məhsullarının payına düşür. İxracatçı şirkətlərin "
                    "sayı da artıb.",
                    "Nazirlik ixracatçılara ticarət missiyaları, ixracın təşviqi "
                    "proqramları və rəqəmsal gömrük xidmətləri vasitəsilə dəstəyi "
                    "davam etdirəcək.",
                ),
                source="İqtisadiyyat Nazirliyinin mətbuat xidməti",
            ),
            ru=Version(
                "Минэкономики: ненефтяной экспорт за десять месяцев вырос",
                "Сообщает пресс-служба Министерства экономики.",
                (
                    "В январе–октябре ненефтяной экспорт вырос по сравнению с тем "
                    "же периодом прошлого года, сообщает Министерство экономики.",
                    "## За счёт чего вырос экспорт",
                    "Наибольший вклад в рост внесли плодоовощная продукция, "
                    "текстиль, химия и алюминий. Выросло и число "
                    "компаний-экспортёров.",
                    "Министерство продолжит поддерживать экспортёров через "
                    "торговые миссии, программы продвижения экспорта и цифровые "
                    "таможенные услуги.",
                ),
                source="Пресс-служба Министерства экономики",
            ),
        ),
        Story(
            slug="festival-curator-mugham-belongs-on-every-stage",
            delays=(45, 70),
            az=Version(
                "Festival kuratoru Samirə Vəliyeva: “Muğamın yeri hər səhnədədir”",
                "Muğam festivalının kuratoru gənc ifaçılar, yeni tamaşaçılar və "
                "ənənənin niyə daim dəyişdiyi barədə danışır.",
                (
                    "Festival kuratoru Samirə Vəliyeva agentliyə muğam ənənəsi və "
                    "gələn ilin nə vəd etdiyi barədə danışıb.",
                    "## “Gəlin və sınayın”",
                    "? Bu sahəni seçmək istəyən gənclərə nə deyərdiniz?",
                    "Gəlin və sınayın. Heç kim mütəxəssis kimi başlamır; iş "
                    "görə-görə öyrənirsən və başlamaq üçün bundan yaxşı vaxt az "
                    "olub.",
                    "? Tez-tez deyirsiniz: “Muğamın yeri hər səhnədədir”. Bununla "
                    "nəyi nəzərdə tutursunuz?",
                    "Muğamın yeri təkcə konsert salonlarında deyil, hər "
                    "səhnədədir. Sadə səslənir, amma qalan hər şey buradan irəli "
                    "gəlir: pulu necə xərclədiyimiz də, uğuru necə ölçdüyümüz də.",
                    "## Ən böyük maneə",
                    "? Bu gün ən böyük maneə nədir?",
                    "Vaxt və insanlar. Yaxşı planlar var, amma böyük şəhərlərdən "
                    "kənarda onları həyata keçirəcək hazırlıqlı mütəxəssislər "
                    "çatmır.",
                ),
            ),
            ru=Version(
                "Куратор фестиваля Самира Велиева: «Мугаму место на любой сцене»",
                "Куратор фестиваля мугама — о молодых исполнителях, новой публике "
                "и о том, почему традиция постоянно меняется.",
                (
                    "Куратор фестиваля Самира Велиева рассказала агентству о "
                    "традиции мугама и о том, чего ждать в следующем году.",
                    "## «Приходите и пробуйте»",
                    "? Что бы вы сказали молодым людям, которые думают выбрать эту "
                    "профессию?",
                    "Приходите и пробуйте. Никто не начинает экспертом: учишься в "
                    "деле, и более удачного момента, чтобы начать, пожалуй, ещё не "
                    "было.",
                    "? Вы часто говорите: «Мугаму место на любой сцене». Что вы "
                    "имеете в виду?",
                    "Мугаму место не только в концертных залах, но и на любой "
                    "сцене. Звучит просто, но из этого следует всё остальное — и "
                    "то, как мы тратим деньги, и то, как измеряем успех.",
                    "## Главное препятствие",
                    "? Что сегодня мешает больше всего?",
                    "Время и люди. Хорошие планы есть, но подготовленных "
                    "специалистов, которые воплотят их за пределами больших "
                    "городов, не хватает.",
                ),
            ),
        ),
        Story(
            slug="regional-connectivity-needs-timetables-not-just-routes",
            delays=(60, 90),
            az=Version(
                "Regional bağlantılara yalnız marşrutlar deyil, cədvəllər lazımdır",
                "Yeni dəhlizlərin xəritələri təsirlidir. Yükdaşıyanları isə daha "
                "darıxdırıcı bir şey maraqlandırır: qatar vaxtında yola düşürmü?",
                (
                    "Regional bağlantılar qədər tez-tez müzakirə olunan, amma bu "
                    "qədər az başa düşülən mövzu azdır. Bir neçə aydan bir yeni "
                    "plan elan olunur, yeni rəqəm səsləndirilir və söhbət yenidən "
                    "başlanğıca qayıdır.",
                    "## Problem rəqəmlərdə deyil",
                    "Yanvar–sentyabr aylarında əsas göstəricilər 18,7 faiz "
                    "yaxşılaşıb — bu, bir çox ölkənin həsəd aparacağı nəticədir. "
                    "Problem ondadır ki, təkcə rəqəmlər vətəndaşlara onlar üçün "
                    "nəyin dəyişdiyini demir.",
                    "Çatışmayan səbir və sadə dildir: aydın məqsədlər, dərc "
                    "olunmuş cədvəllər və nəsə alınmayanda dürüst hesabatlar. "
                    "Bunların heç biri baha deyil, hamısı isə etimad yaradır.",
                    "## Qonşulardan dərs",
                    "Qonşu ölkələrin təcrübəsi həm yaxşı, həm də pis mənada faydalı "
                    "dərslər verir. Uğurlu nümunələrin ortaq cəhəti var: onlar bir "
                    "neçə prioritet seçib və onlara bir büdcə dövründən uzun "
                    "müddət sadiq qalıblar.",
                    "_ Rəydə ifadə olunan fikirlər müəllifə məxsusdur.",
                ),
            ),
            ru=Version(
                "Региональной связанности нужны расписания, а не только маршруты",
                "Карты новых коридоров впечатляют. Грузоотправителей же волнует "
                "вещь поскучнее: уйдёт ли поезд вовремя.",
                (
                    "Мало о чём говорят так часто и понимают так плохо, как о "
                    "региональной связанности. Каждые несколько месяцев "
                    "объявляется новый план, звучит новая цифра — и разговор "
                    "начинается сначала.",
                    "## Дело не в цифрах",
                    "За январь–сентябрь основные показатели улучшились на 18,7 "
                    "процента — результат, которому позавидовали бы многие "
                    "страны. Проблема в том, что сами по себе цифры не объясняют "
                    "гражданам, что меняется для них.",
                    "Не хватает терпения и простого языка: ясных целей, "
                    "опубликованных расписаний и честных отчётов, когда что-то не "
                    "работает. Ничто из этого не стоит дорого, и всё это "
                    "укрепляет доверие.",
                    "## Уроки соседей",
                    "Опыт соседних стран даёт полезные уроки — и хорошие, и "
                    "плохие. У удачных примеров есть общее: там выбрали несколько "
                    "приоритетов и держались их дольше одного бюджетного цикла.",
                    "_ Мнение автора может не совпадать с позицией редакции.",
                ),
            ),
        ),
        Story(
            slug="in-sheki-silk-weavers-teach-a-new-generation",
            delays=(50, 80),
            az=Version(
                "Şəkidə ipək toxuyanlar sənəti yeni nəslə öyrədir",
                "Sənətin əldən-ələ keçdiyi emalatxanalardan fotoreportaj.",
                (
                    "Şəkidə səhər tezdən ipək toxuyanlar artıq işdədir. Onlar "
                    "üçün bu, hobbi və ya layihə deyil, həyat tərzidir.",
                    "Son bir neçə ildə buradakı ustalar sənəti yeni nəslə "
                    "öyrətməyin yolunu tapıblar və şəhər bunu artıq hiss edir.",
                    "## Hər şey necə başladı",
                    "Hər şey bir neçə nəfərlə və büdcəsiz başlayıb. Bu gün "
                    "emalatxanada 42 daimi iştirakçı var, növbə gözləyənlərin "
                    "siyahısı isə uzanır.",
                    "“Bunların heç birini planlaşdırmamışdıq,” ustalardan biri "
                    "deyir. “Bunu kitabdan öyrənmək olmur, yan-yana oturub "
                    "öyrənirsən.”",
                    "## Bundan sonra",
                    "Qrup təcrübəsini qonşu rayonlarla bölüşmək istəyir və "
                    "Qəbələ ilə oxşar layihə barədə danışıqlar aparır.",
                ),
            ),
            ru=Version(
                "В Шеки мастера шёлкоткачества учат новое поколение",
                "Фоторепортаж из мастерских, где ремесло передаётся из рук в руки.",
                (
                    "Раннее утро в Шеки, а мастера-шелкоткачи уже за работой. Для "
                    "них это не хобби и не проект, а образ жизни.",
                    "За последние несколько лет здешние мастера нашли способ "
                    "передать ремесло новому поколению, и город это заметил.",
                    "## С чего всё началось",
                    "Всё началось с горстки энтузиастов и без всякого бюджета. "
                    "Сегодня в мастерской 42 постоянных ученика, а список "
                    "ожидания растёт.",
                    "«Ничего из этого мы не планировали, — говорит один из "
                    "мастеров. — По книге этому не научишься: учишься, сидя "
                    "рядом».",
                    "## Что дальше",
                    "Мастера хотят поделиться опытом с соседними районами и ведут "
                    "переговоры с Габалой о похожем проекте.",
                ),
            ),
        ),
        Story(
            slug="small-exporters-rail-freight-to-europe",
            delays=(60, 90),
            az=Version(
                "Kiçik ixracatçılar Avropaya çatmaq üçün dəmir yolundan necə "
                "istifadə edir",
                "Birləşdirilmiş dəmir yolu göndərişləri kiçik istehsalçılara "
                "bütöv konteyner əvəzinə bir neçə palet göndərməyə imkan verir.",
                (
                    "Yaxın vaxtlara qədər xaricə məhsul satmaq istəyən kiçik "
                    "istehsalçının iki seçimi var idi: bütöv konteyneri doldurmaq "
                    "və ya aviadaşımaya pul ödəmək. Birləşdirilmiş dəmir yolu "
                    "göndərişləri üçüncü yol təklif edir.",
                    "## Hər dəfə bir neçə palet",
                    "Ekspeditorlar bir neçə ixracatçının yükünü toplayır, ortaq "
                    "konteynerlərə yükləyir və qərbə cədvəl üzrə hərəkət edən "
                    "blok-qatarlarla göndərir. İlk müştərilər arasında quru "
                    "meyvə, çay və toxuculuq məhsulları istehsalçıları var.",
                    "“Ailə biznesinə qırx futluq konteyner lazım deyil. Ona dörd "
                    "palet və etibar edə biləcəyi tarix lazımdır,” ekspeditor "
                    "şirkətin satış meneceri deyir.",
                    "## İxracatçılar nəyi yoxlamalıdır",
                    "- Sənədlər: yükləmədən əvvəl mənşə sertifikatları və "
                    "fitosanitar sənədlər.",
                    "- Qablaşdırma: bir neçə dəfə yüklənib-boşaldılmağa davam "
                    "gətirən paletlər.",
                    "- Sığorta: dəniz keçidi də daxil olmaqla bütün marşrut üçün.",
                    "_ Bu material Karvan Logistics ilə əməkdaşlıq çərçivəsində "
                    "hazırlanıb.",
                ),
            ),
            ru=Version(
                "Как малые экспортёры выходят на рынок Европы по железной дороге",
                "Сборные железнодорожные отправки позволяют небольшим "
                "производителям отправлять несколько паллет вместо целого "
                "контейнера.",
                (
                    "Ещё недавно у небольшого производителя, который хотел "
                    "продавать за рубеж, было два варианта: загрузить целый "
                    "контейнер или платить за авиадоставку. Сборные "
                    "железнодорожные отправки дают третий.",
                    "## Несколько паллет за раз",
                    "Экспедиторы собирают грузы нескольких экспортёров, загружают "
                    "их в общие контейнеры и отправляют на запад регулярными "
                    "контейнерными поездами. Среди первых клиентов — "
                    "производители сухофруктов, чая и текстиля.",
                    "«Семейному бизнесу не нужен сорокафутовый контейнер. Ему "
                    "нужны четыре паллеты и дата, на которую можно положиться», — "
                    "говорит менеджер по продажам экспедиторской компании.",
                    "## Что проверить экспортёру",
                    "- Документы: сертификаты происхождения и фитосанитарные "
                    "сертификаты до погрузки.",
                    "- Упаковку: паллеты должны выдерживать несколько перегрузок.",
                    "- Страховку: покрытие на весь маршрут, включая морскую переправу.",
                    "_ Материал подготовлен совместно с Karvan Logistics.",
                ),
            ),
        ),
        Story(
            slug="parliament-adopts-new-law-on-access-to-information",
            original=_story_original(
                "parliament-adopts-new-law-on-access-to-information",
                Version(
                    "Parliament adopts new law on access to information",
                    "Public bodies will have to answer requests within ten working "
                    "days instead of fifteen.",
                    (
                        "Parliament on Tuesday adopted a new law on access to "
                        "information in its third and final reading, shortening "
                        "the time public bodies have to answer citizens' "
                        "requests.",
                        "Under the law, ministries, agencies and municipalities "
                        "will have ten working days to reply instead of fifteen. "
                        "Requests can be filed online, and a refusal must give a "
                        "reason and explain how to appeal.",
                        "## What changes for citizens",
                        "Each public body will have to publish a list of the "
                        "documents it holds and update it every quarter. An "
                        "online register of requests and answers will be "
                        "launched next year.",
                        "\u201cInformation that belongs to the public should reach "
                        "the public without a fight,\u201d the chair of the legal "
                        "affairs committee told deputies before the vote.",
                        "The law comes into force six months after it is signed.",
                    ),
                ),
                100,
                section="politics",
                content_type=NEWS,
                authors=["rashad-guliyev"],
                tags=["Parliament", "Legislation"],
                image="Demo: parliament building at dawn",
            ),
            az=Version(
                "Milli Məclis informasiya əldə etmək haqqında yeni qanun qəbul edib",
                "Dövlət qurumları sorğulara on beş deyil, on iş günü ərzində "
                "cavab verməli olacaq.",
                (
                    "Milli Məclis çərşənbə axşamı informasiya əldə etmək haqqında "
                    "yeni qanunu üçüncü, yekun oxunuşda qəbul edib. Qanun dövlət "
                    "qurumlarının vətəndaş sorğularına cavab müddətini qısaldır.",
                    "Qanuna əsasən, nazirliklər, agentliklər və bələdiyyələr "
                    "sorğulara on beş deyil, on iş günü ərzində cavab verməlidir. "
                    "Sorğular onlayn təqdim oluna biləcək, imtina isə "
                    "əsaslandırılmalı və şikayət qaydası izah edilməlidir.",
                    "## Vətəndaşlar üçün nə dəyişir",
                    "Hər dövlət qurumu saxladığı sənədlərin siyahısını dərc etməli "
                    "və onu hər rüb yeniləməlidir. Sorğu və cavabların onlayn "
                    "reyestri gələn il istifadəyə veriləcək.",
                    "“İctimaiyyətə məxsus olan məlumat ictimaiyyətə mübarizəsiz "
                    "çatmalıdır,” hüquq siyasəti komitəsinin sədri səsvermədən "
                    "əvvəl deputatlara deyib.",
                    "Qanun imzalandıqdan altı ay sonra qüvvəyə minəcək.",
                ),
            ),
            ru=Version(
                "Парламент принял новый закон о доступе к информации",
                "Госорганы будут обязаны отвечать на запросы за десять рабочих "
                "дней вместо пятнадцати.",
                (
                    "Милли Меджлис во вторник принял в третьем, окончательном "
                    "чтении новый закон о доступе к информации, сократив срок "
                    "ответа на запросы граждан.",
                    "По закону министерства, ведомства и муниципалитеты должны "
                    "будут отвечать за десять рабочих дней вместо пятнадцати. "
                    "Запрос можно будет подать онлайн, а отказ должен быть "
                    "мотивирован и содержать порядок обжалования.",
                    "## Что изменится для граждан",
                    "Каждый госорган будет обязан публиковать перечень имеющихся "
                    "у него документов и обновлять его ежеквартально. "
                    "Онлайн-реестр запросов и ответов заработает в следующем "
                    "году.",
                    "«Информация, которая принадлежит обществу, должна доходить "
                    "до общества без борьбы», — заявил депутатам перед "
                    "голосованием председатель комитета по правовой политике.",
                    "Закон вступит в силу через шесть месяцев после подписания.",
                ),
            ),
        ),
        Story(
            slug="baku-and-astana-agree-to-add-ferries-on-trans-caspian-route",
            original=_story_original(
                "baku-and-astana-agree-to-add-ferries-on-trans-caspian-route",
                Version(
                    "Baku and Astana agree to add ferries on the trans-Caspian route",
                    "Two more ferries will sail between the Caspian ports from "
                    "next spring, cutting waiting times for freight.",
                    (
                        "Azerbaijan and Kazakhstan agreed on Wednesday to put two "
                        "more ferries on the trans-Caspian route from next "
                        "spring, transport officials said after talks in Astana.",
                        "The extra vessels will raise the number of weekly "
                        "sailings from five to seven and are expected to cut the "
                        "time lorries and rail wagons wait in port, which can "
                        "stretch to several days in peak season.",
                        "## A shared timetable",
                        "The two sides also agreed to publish a joint timetable "
                        "and to exchange cargo data electronically, so that "
                        "customs checks can start before a ship docks.",
                        "\u201cCapacity is only half the answer; predictability is "
                        "the other half,\u201d a member of the Azerbaijani "
                        "delegation told the agency.",
                        "Working groups will meet again in Baku in March to review "
                        "progress.",
                    ),
                ),
                150,
                section="world",
                content_type=NEWS,
                dateline_city="Astana",
                authors=["tural-huseynov"],
                tags=["Diplomacy", "Central Asia", "Middle Corridor"],
                image="Demo: summit venue by the sea",
            ),
            az=Version(
                "Bakı və Astana Transxəzər marşrutuna əlavə bərələr çıxarmağa "
                "razılaşıb",
                "Gələn yazdan Xəzər limanları arasında daha iki bərə işləyəcək, "
                "bu da yüklərin gözləmə müddətini azaldacaq.",
                (
                    "Azərbaycan və Qazaxıstan çərşənbə günü gələn yazdan "
                    "Transxəzər marşrutuna daha iki bərə çıxarmaq barədə "
                    "razılığa gəlib, nəqliyyat rəsmiləri Astanadakı danışıqlardan "
                    "sonra bildiriblər.",
                    "Əlavə gəmilər həftəlik reyslərin sayını beşdən yeddiyə "
                    "çatdıracaq. Bunun yük maşınlarının və vaqonların limanda "
                    "gözləmə müddətini azaldacağı gözlənilir: qızğın mövsümdə bu "
                    "müddət bir neçə günə çatır.",
                    "## Ortaq cədvəl",
                    "Tərəflər həmçinin ortaq cədvəl dərc etməyə və yük "
                    "məlumatlarını elektron qaydada mübadilə etməyə razılaşıblar "
                    "ki, gömrük yoxlaması gəmi limana yan almamış başlaya bilsin.",
                    "“Tutum cavabın yalnız yarısıdır, digər yarısı "
                    "proqnozlaşdırıla bilənlikdir,” Azərbaycan nümayəndə "
                    "heyətinin üzvü agentliyə deyib.",
                    "İşçi qruplar görülən işləri müzakirə etmək üçün mart ayında "
                    "Bakıda yenidən görüşəcək.",
                ),
            ),
            ru=Version(
                "Баку и Астана договорились добавить паромы на транскаспийском "
                "маршруте",
                "Со следующей весны между каспийскими портами будут ходить ещё "
                "два парома — это сократит время ожидания для грузов.",
                (
                    "Азербайджан и Казахстан в среду договорились со следующей "
                    "весны вывести на транскаспийский маршрут ещё два парома, "
                    "сообщили представители транспортных ведомств после "
                    "переговоров в Астане.",
                    "Дополнительные суда увеличат число еженедельных рейсов с пяти "
                    "до семи. Ожидается, что это сократит простой грузовиков и "
                    "вагонов в портах, который в пиковый сезон растягивается на "
                    "несколько дней.",
                    "## Общее расписание",
                    "Стороны также договорились публиковать совместное расписание "
                    "и обмениваться данными о грузах в электронном виде, чтобы "
                    "таможенный досмотр начинался ещё до прихода судна в порт.",
                    "«Пропускная способность — лишь половина ответа, вторая "
                    "половина — предсказуемость», — сказал агентству член "
                    "азербайджанской делегации.",
                    "Рабочие группы снова встретятся в Баку в марте, чтобы "
                    "оценить ход работы.",
                ),
            ),
        ),
        Story(
            slug="caspian-operator-to-drill-at-three-new-oil-fields",
            original=_story_original(
                "caspian-operator-to-drill-at-three-new-oil-fields",
                Version(
                    "Caspian operator to drill at three new oil fields next year",
                    "The drilling programme is the company's largest offshore "
                    "campaign in five years.",
                    (
                        "An operator of offshore blocks in the Caspian will start "
                        "drilling at three new oil fields next year, the company "
                        "said on Thursday, in what it described as its largest "
                        "offshore campaign in five years.",
                        "The first well is due to be spudded in the second "
                        "quarter. If appraisal wells confirm the company's "
                        "estimates, the three fields could add around 40,000 "
                        "barrels a day at peak.",
                        "## Ageing fields, new targets",
                        "Output from the Caspian's older fields has been falling "
                        "slowly for several years, and producers have been "
                        "looking for smaller deposits that can be tied into "
                        "existing platforms and pipelines.",
                        "\u201cUsing infrastructure that is already in the water "
                        "is what makes fields like these worth developing,"
                        "\u201d the company's development director said.",
                        "## Gas as well as oil",
                        "Two of the three structures are also expected to contain "
                        "associated gas, which would be sent ashore for the "
                        "domestic market.",
                    ),
                ),
                360,
                section="economy",
                content_type=NEWS,
                authors=["leyla-mammadova"],
                tags=["Energy", "Oil", "Caspian"],
                image="Demo: oil platform on the Caspian",
            ),
            az=Version(
                "Xəzər operatoru gələn il üç yeni neft yatağında qazmaya başlayacaq",
                "Şirkətin sözlərinə görə, bu, son beş ildə onun ən böyük dəniz "
                "qazma kampaniyası olacaq.",
                (
                    "Xəzərdə dəniz bloklarının operatoru gələn il üç yeni neft "
                    "yatağında qazma işlərinə başlayacaq, şirkət cümə axşamı "
                    "bildirib. Bu, son beş ildə onun ən böyük dəniz kampaniyası "
                    "olacaq.",
                    "İlk quyunun ikinci rübdə qazılması planlaşdırılır. "
                    "Qiymətləndirmə quyuları şirkətin hesablamalarını təsdiqləsə, "
                    "üç yataq pik dövrdə gündə təxminən 40 min barel neft verə "
                    "bilər.",
                    "## Köhnə yataqlar, yeni hədəflər",
                    "Xəzərin köhnə yataqlarında hasilat bir neçə ildir tədricən "
                    "azalır və şirkətlər mövcud platformalara və boru kəmərlərinə "
                    "qoşula bilən kiçik yataqlar axtarır.",
                    "“Bu cür yataqları sərfəli edən artıq dənizdə olan "
                    "infrastrukturdan istifadədir,” şirkətin işlənmə üzrə "
                    "direktoru deyib.",
                    "## Təkcə neft deyil",
                    "Üç strukturdan ikisində səmt qazının da olacağı gözlənilir; "
                    "bu qaz daxili bazar üçün sahilə nəql ediləcək.",
                ),
            ),
            ru=Version(
                "Каспийский оператор начнёт бурение на трёх новых нефтяных "
                "месторождениях",
                "Программа бурения станет крупнейшей морской кампанией компании "
                "за пять лет.",
                (
                    "Оператор морских блоков на Каспии в следующем году приступит "
                    "к бурению на трёх новых нефтяных месторождениях, сообщила "
                    "компания в четверг. Это будет её крупнейшая морская "
                    "кампания за пять лет.",
                    "Первую скважину планируется заложить во втором квартале. Если "
                    "оценочные скважины подтвердят расчёты компании, на пике три "
                    "месторождения могут давать около 40 тысяч баррелей в сутки.",
                    "## Старые месторождения, новые цели",
                    "Добыча на старых каспийских месторождениях уже несколько лет "
                    "медленно снижается, и компании ищут небольшие залежи, "
                    "которые можно подключить к действующим платформам и "
                    "трубопроводам.",
                    "«Именно уже существующая морская инфраструктура делает "
                    "разработку таких нефтяных месторождений выгодной», — сказал "
                    "директор компании по разработке.",
                    "## Не только нефть",
                    "Две из трёх структур, как ожидается, содержат и попутный газ, "
                    "который будут направлять на берег для внутреннего рынка.",
                ),
            ),
        ),
        Story(
            slug="manat-steady-as-demand-at-currency-auctions-eases",
            original=_story_original(
                "manat-steady-as-demand-at-currency-auctions-eases",
                Version(
                    "Manat steady as demand at currency auctions eases",
                    "Banks asked for less foreign currency at this week's auctions "
                    "than at any time since the spring.",
                    (
                        "Demand for dollars at the Central Bank's currency "
                        "auctions fell this week to its lowest level since the "
                        "spring, and the manat's official rate was unchanged, "
                        "figures published on Friday show.",
                        "Banks bid for a total of 180 million dollars at the "
                        "week's two auctions, a quarter less than a week earlier. "
                        "All bids were satisfied.",
                        "## Why demand is falling",
                        "Dealers said higher export earnings and a seasonal "
                        "slowdown in imports explained most of the fall. "
                        "\u201cCompanies are not rushing to buy ahead of the "
                        "holidays this year, so the market is calm,\u201d the "
                        "head of treasury at a commercial bank said.",
                        "The next auctions are on Tuesday and Thursday.",
                    ),
                ),
                450,
                section="economy",
                content_type=NEWS,
                authors=["gunel-ismayilova"],
                tags=["Banking"],
                image="Demo: currency market chart",
            ),
            az=Version(
                "Valyuta hərraclarında tələb azalıb, manatın məzənnəsi sabit qalır",
                "Banklar bu həftəki hərraclarda yazdan bəri ən az valyuta tələb "
                "ediblər.",
                (
                    "Mərkəzi Bankın valyuta hərraclarında dollara tələb bu həftə "
                    "yazdan bəri ən aşağı səviyyəyə düşüb, manatın rəsmi "
                    "məzənnəsi isə dəyişməyib, cümə günü dərc olunan rəqəmlər "
                    "göstərir.",
                    "Banklar həftənin iki hərracında ümumilikdə 180 milyon dollar "
                    "tələb ediblər ki, bu da bir həftə əvvəlkindən dörddə bir "
                    "azdır. Bütün sifarişlər təmin olunub.",
                    "## Tələb niyə azalır",
                    "Dilerlərin sözlərinə görə, azalmanın əsas səbəbi ixrac "
                    "gəlirlərinin artması və idxalın mövsümi zəifləməsidir. “Bu "
                    "il şirkətlər bayramqabağı valyuta almağa tələsmir, ona görə "
                    "də bazar sakitdir,” kommersiya banklarından birinin "
                    "xəzinədarlıq rəhbəri deyib.",
                    "Növbəti hərraclar çərşənbə axşamı və cümə axşamı keçiriləcək.",
                ),
            ),
            ru=Version(
                "Спрос на валютных аукционах снизился, курс маната стабилен",
                "На аукционах этой недели банки запросили меньше валюты, чем "
                "когда-либо с весны.",
                (
                    "Спрос на доллары на валютных аукционах Центрального банка на "
                    "этой неделе опустился до минимума с весны, а официальный "
                    "курс маната не изменился, следует из опубликованных в "
                    "пятницу данных.",
                    "На двух аукционах недели банки запросили в общей сложности "
                    "180 миллионов долларов — на четверть меньше, чем неделей "
                    "ранее. Все заявки были удовлетворены.",
                    "## Почему падает спрос",
                    "По словам дилеров, снижение объясняется прежде всего ростом "
                    "экспортной выручки и сезонным замедлением импорта. «В этом "
                    "году компании не спешат покупать валюту перед праздниками, "
                    "поэтому рынок спокоен», — сказал руководитель казначейства "
                    "одного из коммерческих банков.",
                    "Следующие аукционы пройдут во вторник и четверг.",
                ),
            ),
        ),
        Story(
            slug="baku-metro-to-open-two-new-stations-before-the-end-of-the-year",
            original=_story_original(
                "baku-metro-to-open-two-new-stations-before-the-end-of-the-year",
                Version(
                    "Baku metro to open two new stations before the end of the year",
                    "The stations on the purple line will serve about 60,000 "
                    "passengers a day, the metro operator says.",
                    (
                        "Two new stations on Baku's purple line will open before "
                        "the end of the year, the metro operator said on Monday, "
                        "after test trains started running on the extended "
                        "section.",
                        "The stations will serve about 60,000 passengers a day "
                        "and link two fast-growing residential districts to the "
                        "city centre. Bus routes in the area will be redrawn to "
                        "feed the new stations.",
                        "## Testing before opening",
                        "Engineers are now checking signalling, ventilation and "
                        "escalators. Passengers will be able to ride the new "
                        "section for free on its first day.",
                        "\u201cWe want residents to try the route before they "
                        "need it,\u201d a spokesperson for the operator said.",
                    ),
                ),
                660,
                section="society",
                content_type=NEWS,
                authors=["aysel-rzayeva"],
                tags=["Transport"],
                image="Demo: city boulevard at dusk",
            ),
            az=Version(
                "Bakı metrosunda ilin sonunadək iki yeni stansiya açılacaq",
                "Metropolitenin məlumatına görə, bənövşəyi xətdəki stansiyalar "
                "gündə təxminən 60 min sərnişinə xidmət edəcək.",
                (
                    "Bakı metrosunun bənövşəyi xəttində iki yeni stansiya ilin "
                    "sonunadək istifadəyə veriləcək, metropoliten bazar ertəsi "
                    "bildirib. Uzadılmış hissədə artıq sınaq qatarları işləyir.",
                    "Stansiyalar gündə təxminən 60 min sərnişinə xidmət edəcək və "
                    "sürətlə böyüyən iki yaşayış massivini şəhər mərkəzi ilə "
                    "birləşdirəcək. Ərazidəki avtobus marşrutları yeni "
                    "stansiyalara uyğunlaşdırılacaq.",
                    "## Açılışdan əvvəl sınaqlar",
                    "Mühəndislər hazırda siqnalizasiyanı, ventilyasiyanı və "
                    "eskalatorları yoxlayır. İlk gün sərnişinlər yeni hissədə "
                    "pulsuz gedə biləcəklər.",
                    "“İstəyirik ki, sakinlər marşrutu ehtiyac yaranmamış "
                    "sınasınlar,” metropolitenin sözçüsü deyib.",
                ),
            ),
            ru=Version(
                "В бакинском метро до конца года откроются две новые станции",
                "Станции фиолетовой линии будут обслуживать около 60 тысяч "
                "пассажиров в день, сообщает метрополитен.",
                (
                    "Две новые станции фиолетовой линии бакинского метро "
                    "откроются до конца года, сообщил в понедельник "
                    "метрополитен. На продлённом участке уже курсируют "
                    "испытательные поезда.",
                    "Станции будут обслуживать около 60 тысяч пассажиров в день и "
                    "свяжут с центром города два быстро растущих жилых массива. "
                    "Автобусные маршруты в районе перестроят так, чтобы они "
                    "подвозили пассажиров к новым станциям.",
                    "## Проверки перед открытием",
                    "Сейчас инженеры проверяют сигнализацию, вентиляцию и "
                    "эскалаторы. В первый день проезд по новому участку будет "
                    "бесплатным.",
                    "«Мы хотим, чтобы жители опробовали маршрут ещё до того, как "
                    "он им понадобится», — сказал представитель метрополитена.",
                ),
            ),
        ),
        Story(
            slug="regional-schools-get-400-new-science-laboratories",
            original=_story_original(
                "regional-schools-get-400-new-science-laboratories",
                Version(
                    "Regional schools get 400 new science laboratories",
                    "Schools in 38 districts will have physics, chemistry and "
                    "biology labs by September, the Ministry of Education says.",
                    (
                        "Four hundred schools outside Baku will get new physics, "
                        "chemistry and biology laboratories by September, the "
                        "Ministry of Education said on Wednesday.",
                        "The programme covers 38 districts. Priority goes to "
                        "schools where pupils have had to study science from "
                        "textbooks alone, the ministry said.",
                        "## Training for teachers",
                        "Each school will send two science teachers to a two-week "
                        "course on running practical lessons safely. The first "
                        "group starts training in Ganja next month.",
                        "\u201cA pupil who has done the experiment remembers it; a "
                        "pupil who has only read about it often does not,"
                        "\u201d a ministry official said.",
                        "The laboratories are financed from the state budget and "
                        "a loan from an international development bank.",
                    ),
                ),
                840,
                section="society",
                content_type=NEWS,
                authors=["aysel-rzayeva"],
                tags=["Education"],
                image="Demo: school courtyard in spring",
            ),
            az=Version(
                "Regionlardakı məktəblərdə 400 yeni təbiət elmləri laboratoriyası "
                "yaradılır",
                "Təhsil Nazirliyinin məlumatına görə, sentyabradək 38 rayonun "
                "məktəblərində fizika, kimya və biologiya laboratoriyaları olacaq.",
                (
                    "Bakıdan kənardakı dörd yüz məktəb sentyabradək yeni fizika, "
                    "kimya və biologiya laboratoriyaları ilə təchiz olunacaq, "
                    "Təhsil Nazirliyi çərşənbə günü bildirib.",
                    "Proqram 38 rayonu əhatə edir. Nazirliyin sözlərinə görə, "
                    "üstünlük şagirdlərin təbiət elmlərini indiyədək yalnız "
                    "dərsliklərdən öyrəndiyi məktəblərə veriləcək.",
                    "## Müəllimlər üçün təlim",
                    "Hər məktəbdən iki müəllim praktiki dərslərin təhlükəsiz "
                    "təşkili üzrə iki həftəlik kursa göndəriləcək. İlk qrup gələn "
                    "ay Gəncədə təlimə başlayacaq.",
                    "“Təcrübəni özü aparan şagird onu yadda saxlayır, yalnız "
                    "oxuyan isə çox vaxt unudur,” nazirlik rəsmisi deyib.",
                    "Laboratoriyalar dövlət büdcəsi və beynəlxalq inkişaf bankının "
                    "krediti hesabına maliyyələşdirilir.",
                ),
            ),
            ru=Version(
                "Школы в регионах получат 400 новых лабораторий естественных наук",
                "К сентябрю в школах 38 районов появятся кабинеты физики, химии "
                "и биологии, сообщает Министерство образования.",
                (
                    "Четыреста школ за пределами Баку к сентябрю получат новые "
                    "лаборатории физики, химии и биологии, сообщило в среду "
                    "Министерство образования.",
                    "Программа охватывает 38 районов. В первую очередь "
                    "лаборатории получат школы, где ученики до сих пор изучали "
                    "естественные науки только по учебникам, говорится в "
                    "сообщении.",
                    "## Обучение учителей",
                    "Из каждой школы по два учителя пройдут двухнедельный курс о "
                    "том, как безопасно проводить практические занятия. Первая "
                    "группа начнёт обучение в Гяндже в следующем месяце.",
                    "«Ученик, который сам провёл опыт, его запомнит, а тот, кто "
                    "только прочитал о нём, — чаще всего нет», — сказал "
                    "представитель министерства.",
                    "Лаборатории финансируются из государственного бюджета и за "
                    "счёт кредита международного банка развития.",
                ),
            ),
        ),
        Story(
            slug="restored-caravanserai-in-sheki-reopens-to-visitors",
            original=_story_original(
                "restored-caravanserai-in-sheki-reopens-to-visitors",
                Version(
                    "Restored caravanserai in Sheki reopens to visitors",
                    "Three years of restoration have brought back the courtyard, "
                    "the galleries and the original brick vaults.",
                    (
                        "A restored eighteenth-century caravanserai in Sheki "
                        "reopened to visitors on Saturday after three years of "
                        "work by restorers, architects and local craftsmen.",
                        "The courtyard, the two-storey galleries and the original "
                        "brick vaults have been repaired with lime mortar mixed "
                        "to historical recipes. Modern additions, such as "
                        "lighting and ramps, can be removed without damaging "
                        "the building.",
                        "## A living building",
                        "Part of the caravanserai will again host travellers as a "
                        "small guest house; other rooms will be let to craft "
                        "workshops and a café.",
                        "\u201cA caravanserai was never a museum. It was a place "
                        "where people met, traded and rested, and that is what "
                        "we want it to be again,\u201d the head of the "
                        "restoration team said.",
                        "Guided tours run daily except Monday.",
                    ),
                ),
                1080,
                section="culture",
                content_type=NEWS,
                has_photos=True,
                dateline_city="Sheki",
                authors=["nigar-hasanova", "farid-abbasov"],
                tags=["Heritage", "Photo story"],
                image="Demo: old town at night",
            ),
            az=Version(
                "Şəkidə bərpa olunan karvansara ziyarətçilərin üzünə açılıb",
                "Üç illik bərpa həyəti, qalereyaları və orijinal kərpic tağları "
                "əvvəlki görkəminə qaytarıb.",
                (
                    "Şəkidəki XVIII əsr karvansarası bərpaçıların, memarların və "
                    "yerli ustaların üç illik işindən sonra şənbə günü "
                    "ziyarətçilərin üzünə açılıb.",
                    "Həyət, iki mərtəbəli qalereyalar və orijinal kərpic tağlar "
                    "tarixi reseptlə hazırlanmış əhəng məhlulu ilə bərpa olunub. "
                    "İşıqlandırma və pandus kimi müasir əlavələr binaya zərər "
                    "vurmadan sökülə bilər.",
                    "## Yaşayan bina",
                    "Karvansaranın bir hissəsi yenidən kiçik qonaq evi kimi "
                    "səyyahları qəbul edəcək, digər otaqlar isə sənətkar "
                    "emalatxanalarına və kafeyə veriləcək.",
                    "“Karvansara heç vaxt muzey olmayıb. Bura insanların "
                    "görüşdüyü, alver etdiyi və dincəldiyi yer idi, biz də onun "
                    "yenidən belə olmasını istəyirik,” bərpa qrupunun rəhbəri "
                    "deyib.",
                    "Bələdçili turlar bazar ertəsindən başqa hər gün keçirilir.",
                ),
            ),
            ru=Version(
                "В Шеки после реставрации открылся для посетителей караван-сарай",
                "Три года реставрации вернули внутренний двор, галереи и "
                "первоначальные кирпичные своды.",
                (
                    "Караван-сарай XVIII века в Шеки в субботу вновь открылся для "
                    "посетителей после трёх лет работы реставраторов, "
                    "архитекторов и местных мастеров.",
                    "Двор, двухэтажные галереи и первоначальные кирпичные своды "
                    "восстановлены на известковом растворе, приготовленном по "
                    "историческим рецептам. Современные дополнения — освещение и "
                    "пандусы — можно демонтировать, не повредив здание.",
                    "## Живое здание",
                    "Часть караван-сарая снова будет принимать путешественников "
                    "как небольшой гостевой дом, остальные помещения займут "
                    "ремесленные мастерские и кафе.",
                    "«Караван-сарай никогда не был музеем. Здесь встречались, "
                    "торговали и отдыхали, и мы хотим, чтобы так было снова», — "
                    "сказал руководитель реставрационной группы.",
                    "Экскурсии проводятся ежедневно, кроме понедельника.",
                ),
            ),
        ),
        Story(
            slug="baku-jazz-festival-announces-its-autumn-line-up",
            original=_story_original(
                "baku-jazz-festival-announces-its-autumn-line-up",
                Version(
                    "Baku Jazz Festival announces its autumn line-up",
                    "Twelve concerts in eight days, with musicians from nine "
                    "countries and a stage for young bands.",
                    (
                        "The Baku Jazz Festival will hold twelve concerts over "
                        "eight days this autumn, with musicians from nine "
                        "countries, the organisers announced on Thursday.",
                        "The programme mixes well-known names with young local "
                        "bands, and for the first time includes a free open-air "
                        "stage on the boulevard.",
                        "## Mugham meets jazz",
                        "Two evenings are devoted to jazz-mugham, the style that "
                        "grew up in Baku in the 1960s and 1970s. Young pianists "
                        "will play arrangements of classic pieces alongside new "
                        "compositions.",
                        "\u201cJazz-mugham is our city's contribution to world "
                        "music, and every generation hears it differently,"
                        "\u201d the festival's artistic director said.",
                        "Tickets go on sale on Monday.",
                    ),
                ),
                1380,
                section="culture",
                content_type=NEWS,
                authors=["nigar-hasanova"],
                tags=["Music"],
                image="Demo: stained glass window",
            ),
            az=Version(
                "Bakı Caz Festivalı payız proqramını açıqlayıb",
                "Səkkiz gündə on iki konsert: doqquz ölkədən musiqiçilər və gənc "
                "qruplar üçün ayrıca səhnə.",
                (
                    "Bakı Caz Festivalı bu payız səkkiz gün ərzində on iki konsert "
                    "keçirəcək, festivalda doqquz ölkədən musiqiçilər çıxış "
                    "edəcək, təşkilatçılar cümə axşamı bildiriblər.",
                    "Proqramda tanınmış adlarla yanaşı gənc yerli qruplar da var. "
                    "İlk dəfə olaraq bulvarda pulsuz açıq səhnə qurulacaq.",
                    "## Muğam və caz",
                    "İki axşam 1960–1970-ci illərdə Bakıda yaranan caz-muğama "
                    "həsr olunub. Gənc pianoçular klassik əsərlərin "
                    "aranjimanlarını və yeni bəstələrini ifa edəcəklər.",
                    "“Caz-muğam şəhərimizin dünya musiqisinə töhfəsidir və hər "
                    "nəsil onu fərqli eşidir,” festivalın bədii rəhbəri deyib.",
                    "Biletlərin satışı bazar ertəsi başlayacaq.",
                ),
            ),
            ru=Version(
                "Бакинский джазовый фестиваль объявил осеннюю программу",
                "Двенадцать концертов за восемь дней, музыканты из девяти стран "
                "и отдельная сцена для молодых групп.",
                (
                    "Бакинский джазовый фестиваль этой осенью проведёт двенадцать "
                    "концертов за восемь дней, выступят музыканты из девяти "
                    "стран, сообщили в четверг организаторы.",
                    "В программе известные имена соседствуют с молодыми местными "
                    "группами. Впервые на бульваре будет работать бесплатная "
                    "открытая сцена.",
                    "## Джаз встречается с мугамом",
                    "Два вечера посвящены джаз-мугаму — стилю, который сложился в "
                    "Баку в 1960–1970-х годах. Молодые пианисты исполнят "
                    "аранжировки классических пьес и новые сочинения.",
                    "«Джаз-мугам — вклад нашего города в мировую музыку, и каждое "
                    "поколение слышит его по-своему», — сказал художественный "
                    "руководитель фестиваля.",
                    "Билеты поступят в продажу в понедельник.",
                ),
            ),
        ),
        Story(
            slug="ganja-beat-sumgayit-2-1-to-go-top-of-the-league",
            original=_story_original(
                "ganja-beat-sumgayit-2-1-to-go-top-of-the-league",
                Version(
                    "Ganja beat Sumgayit 2-1 to go top of the league",
                    "A late header settled a tense match in front of a sell-out crowd.",
                    (
                        "Ganja moved to the top of the Premier League on Sunday "
                        "with a 2-1 home win over Sumgayit, settled by a header "
                        "four minutes from time.",
                        "The visitors took the lead before half-time, but Ganja "
                        "equalised from a penalty shortly after the break and "
                        "kept up the pressure until the winner came from a "
                        "corner.",
                        "## Top for the first time this season",
                        "The win lifts Ganja a point clear of the chasing pack "
                        "with ten rounds to play. Sumgayit stay sixth.",
                        "\u201cWe were patient, and we were rewarded,\u201d the "
                        "Ganja coach told reporters. \u201cBut a point at the top "
                        "means nothing yet.\u201d",
                        "Video highlights of the match are on the agency's channel.",
                    ),
                ),
                1800,
                section="sport",
                content_type=NEWS,
                has_video=True,
                dateline_city="Ganja",
                authors=["elvin-karimov"],
                tags=["Football", "Video"],
                image="Demo: football stadium",
            ),
            az=Version(
                "“Gəncə” “Sumqayıt”ı 2:1 hesabı ilə məğlub edərək liderliyə yüksəlib",
                "Gərgin matçın taleyini son dəqiqələrdə vurulan baş zərbəsi həll edib.",
                (
                    "“Gəncə” bazar günü öz meydanında “Sumqayıt”ı 2:1 hesabı ilə "
                    "məğlub edərək Premyer Liqada liderliyə yüksəlib. Qələbə qolu "
                    "oyunun bitməsinə dörd dəqiqə qalmış baş zərbəsi ilə vurulub.",
                    "Qonaqlar fasiləyə qədər hesabı açıblar, lakin “Gəncə” ikinci "
                    "hissənin əvvəlində penaltidən hesabı bərabərləşdirib və "
                    "künc zərbəsindən sonra qələbə qolunu vurana qədər təzyiqi "
                    "azaltmayıb.",
                    "## Mövsümdə ilk dəfə zirvədə",
                    "Bu qələbə sayəsində “Gəncə” on tur qalmış təqibçilərini bir "
                    "xal qabaqlayır. “Sumqayıt” altıncı yerdə qalır.",
                    "“Səbirli olduq və bunun mükafatını aldıq,” “Gəncə”nin baş "
                    "məşqçisi jurnalistlərə deyib. “Amma zirvədə bir xal fərq "
                    "hələ heç nə demək deyil.”",
                    "Matçın video icmalı agentliyin kanalındadır.",
                ),
            ),
            ru=Version(
                "«Гянджа» обыграла «Сумгайыт» со счётом 2:1 и возглавила таблицу",
                "Исход напряжённого матча решил удар головой в концовке.",
                (
                    "«Гянджа» в воскресенье обыграла дома «Сумгайыт» со счётом "
                    "2:1 и вышла на первое место в Премьер-лиге. Победный мяч был "
                    "забит головой за четыре минуты до конца встречи.",
                    "Гости открыли счёт до перерыва, однако вскоре после него "
                    "«Гянджа» сравняла счёт с пенальти и не снижала давления, "
                    "пока не забила после углового.",
                    "## Впервые в сезоне на вершине",
                    "За десять туров до конца чемпионата «Гянджа» опережает "
                    "преследователей на одно очко. «Сумгайыт» остаётся шестым.",
                    "«Мы были терпеливы и получили награду, — сказал журналистам "
                    "главный тренер „Гянджи“. — Но одно очко отрыва пока ничего "
                    "не значит».",
                    "Видеообзор матча — на канале агентства.",
                ),
            ),
        ),
        Story(
            slug="chess-baku-open-ends-in-a-three-way-tie-for-first-place",
            original=_story_original(
                "chess-baku-open-ends-in-a-three-way-tie-for-first-place",
                Version(
                    "Chess: Baku Open ends in a three-way tie for first place",
                    "Three grandmasters finished on seven points out of nine; the "
                    "title went to the best tie-break.",
                    (
                        "The Baku Open chess tournament ended on Sunday with three "
                        "grandmasters sharing first place on seven points out of "
                        "nine.",
                        "The title went on tie-break to 19-year-old Tural "
                        "Safarov, who drew his last game with Black in 24 moves. "
                        "More than 200 players from 30 countries took part.",
                        "## A strong field of juniors",
                        "Organisers said a record number of juniors had played "
                        "this year, and that a separate section for players "
                        "under 14 would be added next year.",
                        "\u201cI did not expect to win; I only wanted to gain "
                        "rating points,\u201d Safarov said at the closing "
                        "ceremony.",
                    ),
                ),
                2280,
                section="sport",
                content_type=NEWS,
                authors=["elvin-karimov"],
                tags=["Chess"],
                image="Demo: wrestling hall",
            ),
            az=Version(
                "Şahmat: “Baku Open”də üç qrossmeyster birinci yeri bölüşüb",
                "Qrossmeysterlər doqquz oyundan yeddi xal toplayıblar; titul "
                "əlavə göstəricilərə görə müəyyənləşib.",
                (
                    "“Baku Open” şahmat turniri bazar günü başa çatıb: üç "
                    "qrossmeyster doqquz xaldan yeddi xal toplayaraq birinci yeri "
                    "bölüşüb.",
                    "Əlavə göstəricilərə görə qalib 19 yaşlı Tural Səfərov olub. "
                    "O, sonuncu oyununda qara fiqurlarla 24-cü gedişdə heç-heçəyə "
                    "razılaşıb. Turnirdə 30 ölkədən 200-dən çox şahmatçı iştirak "
                    "edib.",
                    "## Gənclər üçün güclü tərkib",
                    "Təşkilatçıların sözlərinə görə, bu il turnirdə rekord sayda "
                    "gənc şahmatçı oynayıb, gələn il isə 14 yaşadək oyunçular "
                    "üçün ayrıca qrup açılacaq.",
                    "“Qələbə gözləmirdim, sadəcə reytinq xalı qazanmaq "
                    "istəyirdim,” Səfərov bağlanış mərasimində deyib.",
                ),
            ),
            ru=Version(
                "Шахматы: три гроссмейстера разделили первое место на Baku Open",
                "Победители набрали по семь очков из девяти; титул достался "
                "лучшему по дополнительным показателям.",
                (
                    "Шахматный турнир Baku Open завершился в воскресенье: три "
                    "гроссмейстера разделили первое место, набрав по семь очков "
                    "из девяти.",
                    "По дополнительным показателям победителем стал 19-летний "
                    "Турал Сафаров, который в последней партии чёрными согласился "
                    "на ничью на 24-м ходу. В турнире сыграли более 200 "
                    "шахматистов из 30 стран.",
                    "## Сильный состав юниоров",
                    "По словам организаторов, в этом году в турнире сыграло "
                    "рекордное число юниоров, а в следующем году появится "
                    "отдельная группа для игроков до 14 лет.",
                    "«Я не рассчитывал на победу, хотел только набрать "
                    "рейтинговые очки», — сказал Сафаров на церемонии закрытия.",
                ),
            ),
        ),
        Story(
            slug="trade-forum-in-tashkent-focuses-on-digital-customs",
            original=_story_original(
                "trade-forum-in-tashkent-focuses-on-digital-customs",
                Version(
                    "Trade forum in Tashkent focuses on digital customs",
                    "Officials from eight countries discussed how to cut the time "
                    "lorries spend at borders.",
                    (
                        "Customs and trade officials from eight countries met in "
                        "Tashkent on Tuesday for a two-day forum on speeding up "
                        "trade along the routes linking Central Asia, the "
                        "Caucasus and Europe.",
                        "Most of the discussion was about paperwork rather than "
                        "roads. Participants agreed that lorries and containers "
                        "often spend longer waiting at borders than travelling "
                        "between them.",
                        "## One electronic declaration",
                        "A pilot scheme presented at the forum would let "
                        "exporters file one electronic declaration recognised at "
                        "every border on the route. Three countries have agreed "
                        "to test it next year.",
                        "\u201cA driver should not have to carry the same "
                        "document in four languages,\u201d one of the speakers "
                        "said.",
                        "The next forum will be held in Baku.",
                    ),
                ),
                2760,
                section="world",
                content_type=NEWS,
                dateline_city="Tashkent",
                authors=["anna-petrova"],
                tags=["Trade", "Central Asia"],
                image="Demo: map of connections",
            ),
            az=Version(
                "Daşkənddə keçirilən ticarət forumunda rəqəmsal gömrük müzakirə olunub",
                "Səkkiz ölkədən rəsmilər yük maşınlarının sərhəddə keçirdiyi "
                "vaxtın necə azaldılacağını müzakirə ediblər.",
                (
                    "Səkkiz ölkənin gömrük və ticarət rəsmiləri çərşənbə axşamı "
                    "Daşkənddə Mərkəzi Asiya, Qafqaz və Avropanı birləşdirən "
                    "marşrutlarda ticarətin sürətləndirilməsinə həsr olunmuş iki "
                    "günlük forumda bir araya gəliblər.",
                    "Müzakirələrin çoxu yollardan deyil, sənədlərdən gedib. "
                    "İştirakçılar razılaşıblar ki, yük maşınları və konteynerlər "
                    "çox vaxt sərhədlər arasında yolda olduğundan daha uzun "
                    "müddət sərhəddə gözləyir.",
                    "## Vahid elektron bəyannamə",
                    "Forumda təqdim olunan pilot layihə ixracatçılara marşrutdakı "
                    "bütün sərhədlərdə tanınan vahid elektron bəyannamə təqdim "
                    "etməyə imkan verəcək. Üç ölkə onu gələn il sınaqdan "
                    "keçirməyə razılaşıb.",
                    "“Sürücü eyni sənədi dörd dildə daşımamalıdır,” natiqlərdən "
                    "biri deyib.",
                    "Növbəti forum Bakıda keçiriləcək.",
                ),
            ),
            ru=Version(
                "На торговом форуме в Ташкенте обсудили цифровую таможню",
                "Представители восьми стран обсудили, как сократить время, "
                "которое грузовики проводят на границах.",
                (
                    "Представители таможенных и торговых ведомств восьми стран во "
                    "вторник собрались в Ташкенте на двухдневный форум, "
                    "посвящённый ускорению торговли на маршрутах, связывающих "
                    "Центральную Азию, Кавказ и Европу.",
                    "Говорили в основном не о дорогах, а о документах. Участники "
                    "сошлись во мнении, что грузовики и контейнеры нередко дольше "
                    "простаивают на границах, чем находятся в пути между ними.",
                    "## Одна электронная декларация",
                    "Представленный на форуме пилотный проект позволит "
                    "экспортёрам подавать одну электронную декларацию, которую "
                    "признают на всех границах маршрута. Три страны согласились "
                    "опробовать её в следующем году.",
                    "«Водитель не должен возить один и тот же документ на четырёх "
                    "языках», — сказал один из выступавших.",
                    "Следующий форум пройдёт в Баку.",
                ),
            ),
        ),
        Story(
            slug="cabinet-approves-rules-for-registering-a-business-online-in-a-day",
            original=_story_original(
                "cabinet-approves-rules-for-registering-a-business-online-in-a-day",
                Version(
                    "Cabinet approves rules for registering a business online in "
                    "one day",
                    "Founders will be able to register a company, open a tax "
                    "account and get a digital signature in one application.",
                    (
                        "The Cabinet of Ministers has approved new rules under "
                        "which a company can be registered online in one working "
                        "day, according to a decision published on Monday.",
                        "A single application on the e-government portal will "
                        "cover state registration, a tax account and a digital "
                        "signature for the company's director. Paper documents "
                        "will no longer be required.",
                        "## What founders need",
                        "- An identity card with a valid electronic signature.",
                        "- The company's charter, which can follow a standard "
                        "template.",
                        "- Proof of the legal address.",
                        "The rules take effect on the first day of next month. "
                        "Registration fees are unchanged.",
                    ),
                ),
                3480,
                section="official",
                content_type=NEWS,
                authors=["sabina-jafarova"],
                tags=["E-government", "Government"],
                image="Demo: state building facade",
            ),
            az=Version(
                "Nazirlər Kabineti biznesin bir gündə onlayn qeydiyyatı "
                "qaydalarını təsdiqləyib",
                "Təsisçilər bir müraciətlə şirkəti qeydiyyatdan keçirə, vergi "
                "hesabı aça və elektron imza əldə edə biləcəklər.",
                (
                    "Nazirlər Kabineti şirkətin bir iş günü ərzində onlayn "
                    "qeydiyyatdan keçirilməsini nəzərdə tutan yeni qaydaları "
                    "təsdiqləyib, bazar ertəsi dərc olunan qərarda bildirilir.",
                    "Elektron hökumət portalında təqdim olunan vahid müraciət "
                    "dövlət qeydiyyatını, vergi hesabını və şirkət rəhbəri üçün "
                    "elektron imzanı əhatə edəcək. Kağız sənədlər artıq tələb "
                    "olunmayacaq.",
                    "## Təsisçilərə nə lazımdır",
                    "- Etibarlı elektron imzası olan şəxsiyyət vəsiqəsi.",
                    "- Standart nümunə əsasında hazırlana bilən nizamnamə.",
                    "- Hüquqi ünvanı təsdiq edən sənəd.",
                    "Qaydalar gələn ayın birinci günündən qüvvəyə minir. "
                    "Qeydiyyat rüsumları dəyişmir.",
                ),
            ),
            ru=Version(
                "Кабмин утвердил правила онлайн-регистрации бизнеса за один день",
                "Учредители смогут одной заявкой зарегистрировать компанию, "
                "открыть налоговый счёт и получить электронную подпись.",
                (
                    "Кабинет министров утвердил новые правила, по которым "
                    "компанию можно будет зарегистрировать онлайн за один рабочий "
                    "день, говорится в опубликованном в понедельник решении.",
                    "Единая заявка на портале электронного правительства охватит "
                    "государственную регистрацию, налоговый счёт и электронную "
                    "подпись для руководителя компании. Бумажные документы больше "
                    "не потребуются.",
                    "## Что нужно учредителям",
                    "- Удостоверение личности с действующей электронной подписью.",
                    "- Устав компании, который можно составить по типовому образцу.",
                    "- Подтверждение юридического адреса.",
                    "Правила вступают в силу с первого числа следующего месяца. "
                    "Размер регистрационных сборов не меняется.",
                ),
            ),
        ),
    ]


@dataclass(frozen=True)
class EditionPiece:
    """A story only one edition runs: its own headline, lead and first
    paragraph, the rest of the body from that edition's phrase bank.
    `ahead` schedules it that far after the load instead of publishing it."""

    section: str
    headline: str
    lead: str
    detail: str
    tags: tuple[str, ...]
    authors: tuple[str, ...] = ()
    content_type: str = NEWS
    city: str = "Baku"
    is_exclusive: bool = False
    has_video: bool = False
    has_photos: bool = False
    partner_name: str = ""
    source: str = ""
    image: str | None = None
    ahead: timedelta | None = None


# Paragraphs that fit any story of a section, a few subheadings and
# closings, and the notes partner content and press releases carry.
EDITION_COPY: dict[str, dict] = {
    "az": {
        "sections": {
            "politics": (
                "Məsələ son aylarda geniş müzakirə olunub: ekspertlər və "
                "vətəndaş cəmiyyəti nümayəndələri öz təkliflərini təqdim ediblər.",
                "Rəsmilərin sözlərinə görə, qərarlar mərhələlərlə icra olunacaq "
                "və nəticələr barədə ictimaiyyətə məlumat veriləcək.",
            ),
            "economy": (
                "Analitiklər bu dinamikanı işgüzar fəallığın və daxili tələbin "
                "artması ilə əlaqələndirirlər.",
                "Mütəxəssislər tendensiyanın növbəti rübdə də davam edəcəyini "
                "gözləyirlər.",
            ),
            "society": (
                "Sakinlər yeniliyi müsbət qarşılayıblar, bəziləri isə ilk "
                "həftələrdə çətinliklər ola biləcəyini deyirlər.",
                "Aidiyyəti qurum bildirib ki, vətəndaşların rəy və təklifləri "
                "qaynar xətt vasitəsilə qəbul olunur.",
            ),
            "culture": (
                "Təşkilatçıların sözlərinə görə, tamaşaçı marağı gözləntiləri "
                "üstələyib.",
                "Ətraflı proqram rəsmi saytda dərc olunub.",
            ),
            "sport": (
                "Federasiyadan bildiriblər ki, yarışların təqvimi və nəticələri "
                "rəsmi saytda mütəmadi yenilənir.",
                "Mütəxəssislər idmançılarımızın son aylardakı çıxışlarını "
                "ümidverici hesab edirlər.",
            ),
            "world": (
                "Ekspertlərin fikrincə, bu, region ölkələri arasında "
                "əməkdaşlığın yeni mərhələsidir.",
                "Tərəflər razılaşmaların icrasını izləmək üçün birgə işçi qrup "
                "yaratmağı qərara alıblar.",
            ),
            "official": (
                "Sənəd rəsmi dərc olunduğu gündən qüvvəyə minir.",
                "Aidiyyəti qurumlara üç ay ərzində normativ aktlarını sənədə "
                "uyğunlaşdırmaq tapşırılıb.",
            ),
        },
        "press": (
            "Nazirlik bu istiqamətdə işlərin plana uyğun davam etdiyini bildirir.",
            "Vətəndaşların təklifləri nəzərdən keçiriləcək və nəzərə alınacaq.",
            "Ətraflı məlumatı nazirliyin mətbuat xidmətindən almaq olar.",
        ),
        "subheadings": ("Təfərrüatlar", "Növbəti addımlar", "Kontekst"),
        "closings": (
            "Agentlik mövzunu izləməyə davam edəcək.",
            "Ətraflı məlumat yaxın günlərdə rəsmi saytda dərc olunacaq.",
            "Növbəti mərhələnin nəticələri ilin sonunda açıqlanacaq.",
        ),
        "partner_note": "Bu material {partner} ilə əməkdaşlıq çərçivəsində hazırlanıb.",
    },
    "ru": {
        "sections": {
            "politics": (
                "В последние месяцы вопрос широко обсуждался: свои предложения "
                "представили эксперты и представители гражданского общества.",
                "По словам официальных лиц, решения будут выполняться поэтапно, "
                "а об их результатах сообщат публично.",
            ),
            "economy": (
                "Аналитики связывают эту динамику с ростом деловой активности и "
                "внутреннего спроса.",
                "Специалисты ожидают, что тенденция сохранится и в следующем квартале.",
            ),
            "society": (
                "Жители в целом восприняли новшество положительно, хотя "
                "некоторые опасаются трудностей в первые недели.",
                "В профильном ведомстве сообщили, что отзывы и предложения "
                "граждан принимаются по горячей линии.",
            ),
            "culture": (
                "По словам организаторов, интерес публики превзошёл ожидания.",
                "Подробная программа опубликована на официальном сайте.",
            ),
            "sport": (
                "В федерации отметили, что календарь соревнований и результаты "
                "регулярно обновляются на официальном сайте.",
                "Специалисты считают выступления азербайджанских спортсменов в "
                "последние месяцы обнадёживающими.",
            ),
            "world": (
                "По мнению экспертов, это новый этап сотрудничества между "
                "странами региона.",
                "Стороны решили создать совместную рабочую группу, которая будет "
                "следить за выполнением договорённостей.",
            ),
            "official": (
                "Документ вступает в силу со дня официального опубликования.",
                "Профильным ведомствам поручено в течение трёх месяцев привести "
                "свои нормативные акты в соответствие с документом.",
            ),
        },
        "press": (
            "Министерство сообщает, что работа в этом направлении ведётся по плану.",
            "Предложения граждан будут рассмотрены и учтены.",
            "Подробную информацию можно получить в пресс-службе министерства.",
        ),
        "subheadings": ("Подробности", "Что дальше", "Контекст"),
        "closings": (
            "Агентство продолжит следить за развитием событий.",
            "Подробности будут опубликованы на официальном сайте в ближайшие дни.",
            "Итоги следующего этапа подведут в конце года.",
        ),
        "partner_note": "Материал подготовлен совместно с {partner}.",
    },
}

P = EditionPiece
EDITION_PIECES: dict[str, list[EditionPiece]] = {
    "az": [
        P(
            "politics",
            "Milli Məclisin komitəsi bələdiyyələr haqqında qanun layihəsini "
            "müzakirə edib",
            "Layihə bələdiyyələrin yerli büdcə üzərində səlahiyyətlərini "
            "genişləndirir.",
            "Regional məsələlər komitəsinin iclasında deputatlar layihənin ikinci "
            "oxunuşa hazırlığını müzakirə ediblər. Sənədə əsasən, bələdiyyələr "
            "yerli vergilərdən daxil olan vəsaitin bölgüsünü özləri "
            "müəyyənləşdirəcəklər.",
            ("Parliament", "Legislation"),
            authors=("rashad-guliyev",),
        ),
        P(
            "politics",
            "Xarici işlər naziri gürcüstanlı həmkarı ilə nəqliyyat layihələrini "
            "müzakirə edib",
            "Görüşdə Bakı–Tbilisi–Qars dəmir yolunun yükdaşıma imkanları da "
            "müzakirə olunub.",
            "Tbilisidə keçirilən görüşdə tərəflər sərhəd-keçid məntəqələrində "
            "növbələrin azaldılması və yükdaşımaların rəqəmsallaşdırılması barədə "
            "fikir mübadiləsi aparıblar.",
            ("Diplomacy",),
            authors=("tural-huseynov",),
            city="Tbilisi",
        ),
        P(
            "politics",
            "Mərkəzi Seçki Komissiyası bələdiyyə seçkilərinin təqvim planını "
            "təsdiqləyib",
            "Namizədlərin irəli sürülməsi gələn ayın əvvəlindən başlayacaq.",
            "Komissiyanın iclasında təsdiqlənən təqvim planı seçki prosesinin "
            "bütün mərhələlərinin müddətlərini müəyyən edir. Seçicilər "
            "siyahılarla onlayn tanış ola biləcəklər.",
            ("Elections",),
        ),
        P(
            "politics",
            "Deputatlar gələn həftə büdcə zərfinin müzakirəsinə başlayacaq",
            "Gələn ilin dövlət büdcəsinin layihəsi plenar iclasda birinci "
            "oxunuşda müzakirə olunacaq.",
            "Büdcə zərfinə dövlət büdcəsi, Dövlət Sosial Müdafiə Fondunun büdcəsi "
            "və müşayiətedici qanun layihələri daxildir. Komitələr sənədləri "
            "artıq müzakirə ediblər.",
            ("Parliament",),
            authors=("rashad-guliyev",),
            ahead=timedelta(hours=2),
        ),
        P(
            "economy",
            "Fındıq ixracı mövsümün ilk iki ayında rekord həddə çatıb",
            "İxracatçıların sözlərinə görə, əsas alıcılar Avropa və Körfəz "
            "ölkələridir.",
            "Gömrük məlumatlarına görə, sentyabr–oktyabr aylarında xaricə 18 min "
            "tondan çox fındıq ixrac olunub. Qəbələ, Oğuz və Zaqatalada "
            "məhsuldarlıq ötən illə müqayisədə yüksək olub.",
            ("Exports", "Trade"),
        ),
        P(
            "economy",
            "Bakı Fond Birjasında ilk “yaşıl” istiqrazlar yerləşdiriləcək",
            "Agentliyin mənbələrinə görə, buraxılışın həcmi 50 milyon manat olacaq.",
            "Məsələdən xəbərdar iki mənbə agentliyə bildirib ki, istiqrazlardan "
            "əldə olunan vəsait günəş və külək elektrik stansiyalarının "
            "maliyyələşdirilməsinə yönəldiləcək. Yerləşdirmənin ilin sonunadək "
            "baş tutacağı gözlənilir.",
            ("Investment", "Energy"),
            authors=("gunel-ismayilova",),
            is_exclusive=True,
        ),
        P(
            "economy",
            "İstixanalarda damcı suvarma xərcləri necə azaldır",
            "Damcı suvarmaya keçən fermerlər su sərfini təxminən üçdə bir azaldıblar.",
            "Abşeron və Quba bölgələrindəki istixana təsərrüfatları son iki ildə "
            "damcı suvarma sistemlərinə keçib. Fermerlərin sözlərinə görə, sistem "
            "iki mövsümə özünü ödəyir.",
            ("Agriculture",),
            content_type=FEATURE,
            partner_name="Absheron Agro",
        ),
        P(
            "economy",
            "Bakıda mənzil qiymətləri üçüncü rübdə 3 faiz bahalaşıb",
            "Ən böyük artım yeni tikililərdə qeydə alınıb.",
            "Daşınmaz əmlak agentliklərinin məlumatına görə, yeni tikililərdə "
            "bir kvadratmetrin orta qiyməti rüb ərzində 3,2 faiz artıb. Köhnə "
            "tikililərdə qiymətlər demək olar ki, dəyişməyib.",
            ("Housing", "Investment"),
        ),
        P(
            "economy",
            "Ələt azad iqtisadi zonasında ilk rezidentlər qeydiyyata alınıb",
            "Rezidentlər logistika, emal və qablaşdırma sahələrində fəaliyyət "
            "göstərəcək.",
            "Zonanın idarəsi bildirib ki, ilk mərhələdə beş şirkət rezident "
            "statusu alıb. Onlar vergi və gömrük güzəştlərindən istifadə "
            "edəcəklər.",
            ("Investment", "Trade"),
            image="Demo: container port cranes",
        ),
        P(
            "society",
            "Bakıda 12 yeni elektrik avtobus marşrutu istifadəyə verilir",
            "Yeni avtobuslar şəhərin mərkəzini yaşayış massivləri ilə birləşdirəcək.",
            "Bakı Nəqliyyat Agentliyinin məlumatına görə, marşrutlara 120 "
            "elektrik avtobusu çıxarılacaq. Avtobuslarda pulsuz internet və "
            "əlilliyi olan sərnişinlər üçün pandus var.",
            ("Transport",),
            authors=("aysel-rzayeva",),
        ),
        P(
            "society",
            "Gəncədə yeni uşaq xəstəxanası pasiyent qəbuluna başlayıb",
            "Xəstəxana 200 çarpayılıqdır, burada reanimasiya şöbəsi də fəaliyyət "
            "göstərir.",
            "Xəstəxanada pediatriya, cərrahiyyə və yenidoğulmuşların intensiv "
            "terapiyası şöbələri yerləşir. Qəbul üçün elektron növbə sistemi "
            "tətbiq olunub.",
            ("Health",),
            authors=("orkhan-babayev",),
            city="Ganja",
        ),
        P(
            "society",
            "Məktəblərdə qış tətili 28 dekabrda başlayacaq",
            "Təhsil Nazirliyi tədris ilinin qış tətilinin tarixlərini açıqlayıb.",
            "Tətil 28 dekabrdan 8 yanvaradək davam edəcək. Nazirlik tətil "
            "günlərində məktəblərdə dərnəklərin və idman məşğələlərinin davam "
            "edəcəyini bildirib.",
            ("Education",),
        ),
        P(
            "society",
            "Bulvarda velosiped yolu 4 kilometr uzadılıb",
            "Yeni hissə bulvarı Ağ şəhər ərazisi ilə birləşdirir.",
            "Velosiped yolu boyunca istirahət guşələri və velosiped icarəsi "
            "məntəqələri quraşdırılıb. Gələn il yolun Bibiheybət istiqamətində "
            "uzadılması planlaşdırılır.",
            ("Transport",),
        ),
        P(
            "culture",
            "Qubada xalça festivalı: 40 ustanın əl işi bir sərgidə",
            "Sərgidə Quba–Şirvan məktəbinin qədim naxışları ilə toxunmuş "
            "xalçalar nümayiş olunur.",
            "Festival çərçivəsində ziyarətçilər toxuculuğu ustaların özündən "
            "öyrənə bilərlər. Fotoqalereyada sərginin ən maraqlı nümunələri "
            "toplanıb.",
            ("Carpets", "Heritage", "Photo story"),
            authors=("farid-abbasov",),
            city="Guba",
            has_photos=True,
            image="Demo: carpet pattern",
        ),
        P(
            "culture",
            "Opera və Balet Teatrı yeni mövsümü “Leyli və Məcnun” ilə açır",
            "Üzeyir Hacıbəylinin operası mövsümün ilk tamaşası olacaq.",
            "Teatrın məlumatına görə, tamaşada gənc solistlər də çıxış edəcək. "
            "Biletlər teatrın kassasında və onlayn satılır.",
            ("Music",),
            authors=("nigar-hasanova",),
        ),
        P(
            "culture",
            "Milli Kitabxanada Nizami Gəncəvi əlyazmalarının sərgisi açılıb",
            "Sərgidə XV–XVII əsrlərə aid miniatürlü əlyazmalar nümayiş olunur.",
            "Sərgi iki ay davam edəcək. Həftə sonları ziyarətçilər üçün pulsuz "
            "ekskursiyalar təşkil olunur.",
            ("Books", "Heritage"),
        ),
        P(
            "sport",
            "Azərbaycan cüdoçusu Tbilisi Qran-prisində qızıl medal qazanıb",
            "Final görüşü cəmi 40 saniyə çəkib.",
            "73 kiloqram çəki dərəcəsində mübarizə aparan idmançımız finalda "
            "Gürcüstan təmsilçisini iplonla məğlub edib. Görüşün videosu "
            "agentliyin kanalındadır.",
            ("Judo", "Video"),
            authors=("elvin-karimov",),
            city="Tbilisi",
            has_video=True,
            image="Demo: wrestling hall",
        ),
        P(
            "sport",
            "Premyer Liqa: “Lənkəran” səfərdə “Şəki”ni 3:0 hesabı ilə məğlub edib",
            "Qonaqlar üç qolun ikisini birinci hissədə vurublar.",
            "Bu qələbədən sonra “Lənkəran” turnir cədvəlində dördüncü pilləyə "
            "yüksəlib. Növbəti turda komanda öz meydanında “Quba”nı qəbul "
            "edəcək.",
            ("Football",),
            city="Sheki",
            image="Demo: football stadium",
        ),
        P(
            "sport",
            "Bakı marafonuna qeydiyyat başlayıb",
            "Bu il iştirakçıların sayının 20 mini keçəcəyi gözlənilir.",
            "Marafon 21 və 42 kilometrlik məsafələrdə keçiriləcək. Uşaqlar üçün "
            "ayrıca 3 kilometrlik qaçış təşkil olunacaq.",
            ("Athletics",),
            image="Demo: athletics track",
        ),
        P(
            "sport",
            "Sərbəst güləş üzrə Avropa çempionatı üçün yığmanın heyəti açıqlanıb",
            "Heyətdə ilk dəfə üç gənc güləşçi yer alıb.",
            "Baş məşqçi bildirib ki, komanda son hazırlıq toplanışını Naxçıvanda "
            "keçirəcək. Çempionat gələn ayın ortalarında başlayacaq.",
            ("Wrestling",),
            authors=("elvin-karimov",),
            image="Demo: wrestling hall",
        ),
        P(
            "world",
            "Azərbaycan və Özbəkistan arasında birbaşa yük qatarı işə düşüb",
            "Qatar yükü 9 gün əvəzinə 6 günə çatdırır.",
            "Konteyner qatarı Daşkənddən Bakıya Qazaxıstan ərazisindən və Xəzər "
            "bərəsi ilə gəlir. Gələn il reyslərin sayının həftədə ikiyə "
            "çatdırılması planlaşdırılır.",
            ("Central Asia", "Trade", "Middle Corridor"),
            authors=("tural-huseynov",),
        ),
        P(
            "world",
            "Türkiyə ilə Azərbaycan arasında yeni aviareyslər açılır",
            "Bakıdan Antalya və Trabzona həftədə üç reys yerinə yetiriləcək.",
            "Reyslər gələn aydan başlayacaq. Aviaşirkətin məlumatına görə, "
            "biletlər artıq satışdadır.",
            ("Tourism",),
        ),
        P(
            "official",
            "Nazirlik: 5 min nəfər özünüməşğulluq proqramına cəlb olunub",
            "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyinin mətbuat xidməti "
            "məlumat verir.",
            "Cari ilin doqquz ayında özünüməşğulluq proqramı çərçivəsində 5 min "
            "nəfərə kiçik biznes qurmaq üçün aktivlər verilib. Proqram "
            "iştirakçılarının əksəriyyəti regionlarda yaşayır.",
            ("Government",),
            content_type=PRESS_RELEASE,
            source="Əmək və Əhalinin Sosial Müdafiəsi Nazirliyinin mətbuat xidməti",
        ),
        P(
            "official",
            "Nazirlər Kabineti dövlət rüsumlarının onlayn ödənişini sadələşdirib",
            "Ödənişlər artıq bank kartı ilə bir addımda edilə biləcək.",
            "Qərara əsasən, elektron hökumət portalındakı xidmətlər üzrə "
            "rüsumların ödənişi avtomatik təsdiqlənəcək və qəbzin kağız nüsxəsi "
            "tələb olunmayacaq.",
            ("E-government",),
            authors=("sabina-jafarova",),
        ),
    ],
    "ru": [
        P(
            "politics",
            "Парламент одобрил в первом чтении поправки в закон о госслужбе",
            "Поправки вводят открытые конкурсы на все руководящие должности.",
            "За поправки проголосовали 89 депутатов. Документ предусматривает "
            "обязательную публикацию вакансий на едином портале и ежегодную "
            "оценку работы служащих.",
            ("Parliament", "Legislation"),
            authors=("rashad-guliyev",),
        ),
        P(
            "politics",
            "Глава МИД обсудил с казахстанским коллегой расширение транзита",
            "Стороны договорились провести следующий раунд консультаций в Баку.",
            "Переговоры прошли в Астане. Особое внимание уделили согласованию "
            "тарифов на транскаспийском маршруте и цифровому обмену таможенными "
            "данными.",
            ("Diplomacy", "Central Asia"),
            authors=("tural-huseynov",),
            city="Astana",
        ),
        P(
            "politics",
            "Омбудсмен представила ежегодный доклад о правах пожилых людей",
            "В докладе приведены данные о доступности социальных услуг в регионах.",
            "По данным доклада, за год в аппарат омбудсмена поступило более 1200 "
            "обращений от людей старше 65 лет. Чаще всего жалобы касались пенсий "
            "и медицинского обслуживания.",
            ("Human rights",),
        ),
        P(
            "politics",
            "Парламент проведёт общественные слушания по закону о медиации",
            "Законопроект обсудят с юристами и общественными организациями.",
            "В слушаниях примут участие депутаты, судьи и представители "
            "адвокатуры. Предложения участников учтут при подготовке "
            "законопроекта ко второму чтению.",
            ("Parliament", "Legislation"),
            authors=("rashad-guliyev",),
            ahead=timedelta(hours=5),
        ),
        P(
            "economy",
            "Товарооборот с Казахстаном за девять месяцев вырос на 14 процентов",
            "Основной прирост пришёлся на продовольствие и стройматериалы.",
            "По данным таможенной статистики, товарооборот двух стран за "
            "январь–сентябрь превысил 400 миллионов долларов. Экспорт "
            "азербайджанских фруктов и овощей вырос почти на четверть.",
            ("Trade", "Central Asia"),
            authors=("anna-petrova",),
        ),
        P(
            "economy",
            "Источники: крупный банк готовит выпуск облигаций в манатах",
            "Объём размещения может составить 100 миллионов манатов, сообщили "
            "агентству два источника.",
            "По словам источников агентства, средства пойдут на кредитование "
            "малого и среднего бизнеса. Размещение может состояться в первом "
            "квартале.",
            ("Banking", "Investment"),
            authors=("gunel-ismayilova",),
            is_exclusive=True,
        ),
        P(
            "economy",
            "Как малый бизнес переходит на безналичные платежи",
            "Доля безналичных платежей в торговле за год выросла почти вдвое.",
            "Владельцы небольших магазинов и кафе всё чаще подключают оплату по "
            "QR-коду: она не требует покупки терминала, а деньги поступают на "
            "счёт за несколько секунд.",
            ("Banking",),
            content_type=FEATURE,
            partner_name="Silk Way Fintech",
        ),
        P(
            "economy",
            "Цены на жильё в Баку выросли за квартал на 3 процента",
            "Сильнее всего подорожали квартиры в новостройках.",
            "По данным агентств недвижимости, средняя стоимость квадратного "
            "метра в новостройках выросла за квартал на 3,2 процента. На "
            "вторичном рынке цены почти не изменились.",
            ("Housing", "Investment"),
        ),
        P(
            "economy",
            "Солнечная электростанция на 230 мегаватт выдала первый ток",
            "Станция обеспечит электроэнергией около 110 тысяч домохозяйств.",
            "Станция построена в Апшеронском районе. После выхода на полную "
            "мощность она позволит ежегодно экономить около 110 миллионов "
            "кубометров газа.",
            ("Energy",),
            authors=("leyla-mammadova",),
            image="Demo: solar farm in the steppe",
        ),
        P(
            "society",
            "Бакинский метрополитен продлит время работы в выходные",
            "По пятницам и субботам поезда будут ходить до часа ночи.",
            "Эксперимент продлится три месяца. По его итогам метрополитен решит, "
            "сохранять ли новый график.",
            ("Transport",),
        ),
        P(
            "society",
            "В школах с русским языком обучения обновят учебники истории",
            "Новые учебники получат ученики пятых и шестых классов.",
            "Учебники подготовлены по обновлённой программе и прошли апробацию "
            "в 20 школах. Электронные версии будут доступны на образовательном "
            "портале.",
            ("Education",),
            authors=("aysel-rzayeva",),
        ),
        P(
            "society",
            "В Сумгайыте открылся новый центр семейной медицины",
            "Центр будет обслуживать около 30 тысяч жителей.",
            "В центре работают терапевты, педиатры и гинекологи, есть "
            "лаборатория. Записаться на приём можно онлайн или по телефону.",
            ("Health",),
            city="Sumgayit",
        ),
        P(
            "society",
            "В Баку к зиме отремонтируют 200 дворов",
            "Программа охватывает дворы в шести районах столицы.",
            "Во дворах обновят освещение, детские площадки и дорожки. Жители "
            "сами выбирали, что ремонтировать в первую очередь, проголосовав "
            "онлайн.",
            ("Housing",),
        ),
        P(
            "culture",
            "Русский драмтеатр открыл сезон премьерой «Вишнёвого сада»",
            "Спектакль по пьесе Чехова поставил молодой режиссёр.",
            "Премьера прошла при полном зале. В фотогалерее — кадры со сцены и "
            "из-за кулис.",
            ("Theatre", "Photo story"),
            authors=("nigar-hasanova",),
            has_photos=True,
            image="Demo: old town at night",
        ),
        P(
            "culture",
            "В Баку проходит фестиваль документального кино",
            "В программе более 40 фильмов из 15 стран.",
            "Показы проходят в трёх кинотеатрах города, на часть сеансов вход "
            "свободный. После показов зрители смогут встретиться с режиссёрами.",
            ("Film",),
        ),
        P(
            "culture",
            "Музей ковра представил выставку ковров карабахской школы",
            "Многие экспонаты выставлены впервые.",
            "На выставке представлено более 60 ковров XVIII–XX веков. По "
            "выходным для посетителей проводятся мастер-классы по "
            "ковроткачеству.",
            ("Carpets", "Heritage"),
            image="Demo: carpet pattern",
        ),
        P(
            "sport",
            "Азербайджанские борцы завоевали три медали на турнире в Будапеште",
            "Золото — в весовой категории до 74 килограммов.",
            "Помимо золота, сборная завоевала одну серебряную и одну бронзовую "
            "награду. Видео финальной схватки — на канале агентства.",
            ("Wrestling", "Video"),
            authors=("elvin-karimov",),
            city="Budapest",
            has_video=True,
            image="Demo: wrestling hall",
        ),
        P(
            "sport",
            "Премьер-лига: «Мингячевир» и «Губа» сыграли вничью 1:1",
            "Оба мяча были забиты в первом тайме.",
            "После ничьей «Мингячевир» сохранил пятое место в таблице. «Губа» "
            "поднялась на седьмую строчку.",
            ("Football",),
            image="Demo: football stadium",
        ),
        P(
            "sport",
            "Шахматистки сборной Азербайджана выиграли командный турнир",
            "Команда не проиграла ни одного матча.",
            "В последнем туре сборная обыграла соперниц со счётом 3:1. Лучший "
            "результат на первой доске показала 17-летняя участница команды.",
            ("Chess",),
            authors=("elvin-karimov",),
        ),
        P(
            "sport",
            "В Баку пройдёт международный юниорский турнир по теннису",
            "В турнире сыграют более 120 теннисистов из 25 стран.",
            "Матчи пройдут на кортах Национального теннисного центра, вход для "
            "зрителей свободный.",
            ("Tennis",),
            image="Demo: athletics track",
        ),
        P(
            "world",
            "Грузия и Азербайджан обсудили модернизацию пограничного перехода",
            "Пропускная способность перехода должна вырасти вдвое.",
            "Стороны договорились о строительстве новых полос для грузовиков и о "
            "совместном досмотре грузов. Работы планируется завершить за два "
            "года.",
            ("Diplomacy",),
            authors=("anna-petrova",),
        ),
        P(
            "world",
            "Министры экологии прикаспийских стран обсудят снижение уровня моря",
            "Встреча пройдёт на следующей неделе в Актау.",
            "В повестке — совместный мониторинг уровня Каспия и сохранение "
            "рыбных запасов.",
            ("Caspian", "Central Asia"),
            image="Demo: summit venue by the sea",
        ),
        P(
            "official",
            "Минздрав: начинается сезонная вакцинация от гриппа",
            "Сообщает пресс-служба Министерства здравоохранения.",
            "Вакцинация проводится бесплатно в поликлиниках по месту жительства. "
            "В первую очередь прививку рекомендуют сделать пожилым людям, "
            "беременным и медицинским работникам.",
            ("Health", "Government"),
            content_type=PRESS_RELEASE,
            source="Пресс-служба Министерства здравоохранения",
        ),
        P(
            "official",
            "Утверждены правила выдачи электронных водительских удостоверений",
            "Электронное удостоверение будет иметь ту же силу, что и пластиковое.",
            "Удостоверение можно будет получить в мобильном приложении "
            "электронного правительства. Пластиковые карты по-прежнему будут "
            "выдавать по желанию водителя.",
            ("E-government",),
            authors=("sabina-jafarova",),
        ),
    ],
}
del P

# Each edition's own pieces go live this far apart, newest first.
EDITION_SPACING = timedelta(hours=4)


def _translation(original: Spec, language: str, version: Version, delay: int) -> Spec:
    """The original's translation into `language`, live `delay` minutes
    after it: same section, tags, bylines, picture and markers."""
    age = None
    if original.age is not None:
        age = max(original.age - timedelta(minutes=delay), timedelta(minutes=2))
    return replace(
        original,
        slug=f"{original.slug}-{language}",
        headline=version.headline,
        lead=version.lead,
        body=_html(version.body),
        source=version.source or original.source,
        dateline_city=_city(original.dateline_city, language),
        language=language,
        translation_of=original.slug,
        age=age,
        authors=list(original.authors),
        tags=list(original.tags),
        related=[],
        ctx={},
    )


def _edition_piece(
    language: str, piece: EditionPiece, age: timedelta, slug: str
) -> Spec:
    rng = random.Random(f"{SEED}:{language}:{slug}")
    copy = EDITION_COPY[language]
    if piece.content_type == PRESS_RELEASE:
        blocks = [piece.detail, *copy["press"]]
    else:
        first, second = copy["sections"][piece.section]
        blocks = [
            piece.detail,
            first,
            "## " + rng.choice(copy["subheadings"]),
            second,
            rng.choice(copy["closings"]),
        ]
    if piece.partner_name:
        blocks.append("_ " + copy["partner_note"].format(partner=piece.partner_name))
    section_images = [i.title for i in ARTICLE_IMAGES if i.section == piece.section]
    spec = Spec(
        slug=slug,
        headline=piece.headline,
        lead=piece.lead,
        body=_html(blocks),
        section=piece.section,
        content_type=piece.content_type,
        age=age,
        authors=list(piece.authors),
        tags=list(piece.tags),
        image=piece.image or rng.choice(section_images),
        dateline_city=_city(piece.city, language),
        source=piece.source,
        is_exclusive=piece.is_exclusive,
        has_video=piece.has_video,
        has_photos=piece.has_photos,
        partner_name=piece.partner_name,
        language=language,
    )
    if piece.ahead is not None:
        # Saved as a draft; _walk_workflow schedules it.
        spec.status, spec.age = Article.Status.DRAFT, None
        spec.workflow, spec.ahead = workflow.SCHEDULED, piece.ahead
    return spec


def _edition_specs(english: list[Spec], slugs: set[str]) -> list[Spec]:
    """The translations of the stories every edition runs, then each
    edition's own pieces, spread over the last few days."""
    by_slug = {spec.slug: spec for spec in english}
    specs = []
    for story in _stories():
        original = by_slug[story.slug]
        for language, version, delay in zip(
            TRANSLATION_LANGUAGES, (story.az, story.ru), story.delays, strict=True
        ):
            specs.append(_translation(original, language, version, delay))
    for language, pieces in EDITION_PIECES.items():
        rng = random.Random(f"{SEED}:{language}:ages")
        order = list(range(len(pieces)))
        rng.shuffle(order)
        for rank, piece in zip(order, pieces, strict=True):
            base = slugify(transliterate(piece.headline))[:200].strip("-")
            slug, n = base, 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            age = (
                timedelta(minutes=25)
                + EDITION_SPACING * rank
                + timedelta(minutes=rng.randint(0, 90))
            )
            specs.append(_edition_piece(language, piece, age, slug))
    return specs


# Generated positions that stay in the workflow rather than going live, so
# the admin has drafts, a submission, a returned piece and embargoes to show.
# Scheduled pieces carry how far ahead their publish time is.
WORKFLOW_OVERRIDES: dict[int, tuple[str, timedelta | None]] = {
    2: (workflow.DRAFT, None),
    5: (workflow.SUBMITTED, None),
    9: (workflow.DRAFT, None),
    12: (workflow.SCHEDULED, timedelta(hours=3)),
    14: (workflow.RETURNED, None),
    17: (workflow.SCHEDULED, timedelta(hours=27)),
    21: (workflow.DRAFT, None),
}
RETURN_COMMENT = (
    "Please add a second source and a comment from the ministry before this goes out."
)


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(template: str, ctx: dict[str, str]) -> str:
    return template.format(**ctx)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _context(rng: random.Random, section: str, content_type: str) -> dict[str, str]:
    """One set of slot values per article, so headline, lead and body agree."""
    copy = COPY[section]
    cities = copy["cities"]
    others = ["Ganja", "Sumgayit", "Mingachevir", "Lankaran", "Sheki", "Guba"]
    city2, city3 = rng.sample(others, 2)
    person, role, quote, own_topic = rng.choice(copy["interviewees"])
    people, activity, feature_cities = rng.choice(copy["features"])
    # An interviewee talks about their own subject, not a random one.
    topic = own_topic if content_type == INTERVIEW else rng.choice(copy["topics"])
    speaker = rng.choice(copy["speakers"])
    ctx: dict[str, str] = {
        "city": rng.choice(cities),
        "city2": city2,
        "city3": city3,
        "pct": f"{rng.uniform(1.5, 19.5):.1f}",
        "n": str(rng.randint(3, 48)),
        "n2": str(rng.randint(4, 30)),
        "amount": str(rng.randint(12, 940)),
        "price": f"{rng.uniform(62, 88):.2f}",
        "month": rng.choice(MONTHS),
        "weekday": rng.choice(WEEKDAYS),
        "period": rng.choice(PERIODS),
        "speaker": speaker,
        "Speaker": _cap(speaker),
        "ministry": rng.choice(copy["ministries"]),
        "topic": topic,
        "Topic": _cap(topic),
        "person": person,
        "role": role,
        "Role": _cap(role),
        "quote": quote,
        "people": people,
        "People": _cap(people),
        "activity": activity,
        "fcity": rng.choice(feature_cities),
        **rng.choice(PARTNERS),
    }
    for key, values in {**PRESS_RELEASE_SLOTS, **copy["slots"]}.items():
        ctx[key] = rng.choice(values)
    if "team" in ctx and ctx["team2"] == ctx["team"]:
        ctx["team2"] = TEAMS[(TEAMS.index(ctx["team"]) + 1) % len(TEAMS)]
    return ctx


def _paragraphs(texts: list[str], ctx: dict[str, str]) -> str:
    return "".join(f"<p>{_fill(t, ctx)}</p>" for t in texts)


def _body(
    rng: random.Random, content_type: str, ctx: dict[str, str], headline: str
) -> str:
    if content_type == NEWS:
        quote = rng.choice(NEWS_QUOTES)
        attribution = rng.choice(NEWS_ATTRIBUTIONS)
        return (
            # Agency copy opens by restating the headline as a sentence.
            f"<p>{headline}, {ctx['speaker']} said on {ctx['weekday']}.</p>"
            + _paragraphs([rng.choice(NEWS_OPENINGS)], ctx)
            + _paragraphs(rng.sample(NEWS_DETAILS, rng.randint(1, 3)), ctx)
            + f"<p>\u201c{quote},\u201d {attribution}.</p>"
            + _paragraphs([rng.choice(NEWS_CLOSINGS)], ctx)
        )
    if content_type == ANALYSIS:
        return "".join(
            f"<h2>{title}</h2>" + _paragraphs(texts, ctx)
            for title, texts in ANALYSIS_SECTIONS
        )
    if content_type == INTERVIEW:
        intro = (
            f"<p>{ctx['person']}, {ctx['role']}, spoke to the agency about "
            f"{ctx['topic']} and about what the coming year may bring.</p>"
        )
        pairs = rng.sample(INTERVIEW_QUESTIONS[:2] + INTERVIEW_QUESTIONS[3:], 2)
        pairs.insert(1, INTERVIEW_QUESTIONS[2])
        return intro + "".join(
            f"<p><strong>{_fill(q, ctx)}</strong></p><p>{_fill(a, ctx)}</p>"
            for q, a in pairs
        )
    if content_type == OPINION:
        return _paragraphs(OPINION_PARAGRAPHS, ctx) + OPINION_DISCLAIMER
    if content_type == FEATURE:
        ctx = {**ctx, "quote": rng.choice(FEATURE_QUOTES)}
        return "".join(
            (f"<h2>{title}</h2>" if title else "") + _paragraphs(texts, ctx)
            for title, texts in FEATURE_SECTIONS
        )
    return _paragraphs(PRESS_RELEASE_PARAGRAPHS[: rng.randint(3, 5)], ctx)


def _headline(
    rng: random.Random, content_type: str, section: str, ctx: dict[str, str]
) -> tuple[str, list[str]]:
    """A headline and the tags it implies."""
    if content_type == NEWS:
        frame, tags = rng.choice(COPY[section]["frames"])
        return _fill(frame, ctx), list(tags)
    if content_type == ANALYSIS:
        return _fill(rng.choice(ANALYSIS_FRAMES), ctx), ["Analysis"]
    if content_type == OPINION:
        return _fill(rng.choice(OPINION_FRAMES), ctx), []
    if content_type == INTERVIEW:
        return _fill(rng.choice(INTERVIEW_FRAMES), ctx), ["Interview"]
    if content_type == FEATURE:
        return _fill(rng.choice(FEATURE_FRAMES), ctx), []
    return _fill(rng.choice(PRESS_RELEASE_FRAMES), ctx), []


def _choose_authors(rng: random.Random, section: str, content_type: str) -> list[str]:
    if content_type == PRESS_RELEASE:
        return []
    if content_type == NEWS and rng.random() < 0.3:
        return []  # An agency byline: desk copy nobody signs.
    in_section = [a.slug for a in AUTHORS if section in a.sections]
    preferred = [s for s in PREFERRED_AUTHORS.get(content_type, ()) if s in in_section]
    pool = preferred or in_section
    first = rng.choice(pool)
    second_chance = 0.25 if content_type in (INTERVIEW, FEATURE) else 0.1
    others = [s for s in in_section if s != first]
    if others and rng.random() < second_chance:
        return [first, rng.choice(others)]
    return [first]


def _generated(index: int, used: set[str]) -> Spec:
    """The index-th generated piece; depends only on `index` and earlier pieces."""
    rng = random.Random(f"{SEED}:{index}")
    sections = list(COPY)
    section = rng.choices(sections, weights=[COPY[s]["weight"] for s in sections])[0]
    weights = COPY[section].get(
        "types", SPORT_TYPE_WEIGHTS if section == "sport" else CONTENT_TYPE_WEIGHTS
    )
    content_type = _weighted(rng, weights)
    # Retry a few times so the same headline is not printed twice.
    for _attempt in range(8):
        ctx = _context(rng, section, content_type)
        headline, tags = _headline(rng, content_type, section, ctx)
        if headline not in used:
            break
    used.add(headline)

    extra = [t for t in COPY[section]["tags"] if t not in tags]
    # Every piece gets at least one tag: tag pages are how readers follow a topic.
    tags = tags + rng.sample(
        extra, rng.choice([0, 0, 1]) if tags else rng.randint(1, 2)
    )
    section_images = [img.title for img in ARTICLE_IMAGES if img.section == section]
    spec = Spec(
        slug="",
        headline=headline,
        lead=_fill(rng.choice(LEADS[content_type]), ctx),
        body=_body(rng, content_type, ctx, headline),
        section=section,
        content_type=content_type,
        age=timedelta(minutes=40) + SPACING * index + SPACING * rng.random(),
        authors=_choose_authors(rng, section, content_type),
        tags=tags,
        image=rng.choice(section_images) if rng.random() < 0.9 else None,
        dateline_city=ctx["fcity"] if content_type == FEATURE else ctx["city"],
    )
    if content_type == PRESS_RELEASE:
        spec.source = f"Press service of the {ctx['ministry']}"
        spec.dateline_city = "Baku"
    roll = rng.random()
    if content_type == NEWS and roll < 0.05:
        spec.urgency = rng.choice([1, 2, 2])
    if content_type in (NEWS, INTERVIEW, ANALYSIS) and rng.random() < 0.06:
        spec.is_exclusive = True
    if content_type in (NEWS, INTERVIEW, FEATURE) and rng.random() < 0.1:
        spec.has_video = True
    if content_type in (NEWS, FEATURE) and rng.random() < (
        0.35 if content_type == FEATURE else 0.08
    ):
        spec.has_photos = True
    if content_type in (NEWS, FEATURE) and section == "economy" and rng.random() < 0.1:
        spec.partner_name = rng.choice(SPONSORS)
        spec.authors = []
    return spec


def build_specs(articles: int = DEFAULT_ARTICLES) -> list[Spec]:
    """Every demo article, deterministic: the same list on every call.

    `articles` is the size of the English edition: the showcase pieces and
    the originals of the stories told in every edition come first and are
    always included, and generated pieces fill the rest. The translations
    and the Azerbaijani and Russian editions' own pieces follow, always.
    """
    specs = _showcase() + [s.original for s in _stories() if s.original]
    used = {spec.headline for spec in specs}
    slugs = {spec.slug for spec in specs}
    for index in range(max(articles - len(specs), 0)):
        spec = _generated(index, used)
        base = slugify(spec.headline)[:200].strip("-")
        slug, n = base, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        spec.slug = slug
        slugs.add(slug)
        if index in WORKFLOW_OVERRIDES:
            stage, ahead = WORKFLOW_OVERRIDES[index]
            # Saved as a draft; _walk_workflow takes it the rest of the way.
            spec.status, spec.age = Article.Status.DRAFT, None
            spec.workflow = "" if stage == workflow.DRAFT else stage
            spec.ahead = ahead
            # The journalist account owns the workflow pieces.
            spec.authors = [JOURNALIST_AUTHOR]
            spec.partner_name = ""
        specs.append(spec)
    for spec in specs:
        if not spec.body:
            rng = random.Random(f"{SEED}:body:{spec.slug}")
            ctx = _context(rng, spec.section, spec.content_type)
            ctx.update(spec.ctx)
            spec.body = _body(rng, spec.content_type, ctx, spec.headline)
    specs += _edition_specs(specs, slugs)
    _link_related(specs)
    return specs


def _link_related(specs: list[Spec]) -> None:
    """Give a good share of live pieces 1-3 older pieces of their edition
    and section to point to."""
    live = [s for s in specs if s.is_live]
    by_section: dict[tuple[str, str], list[Spec]] = {}
    for spec in sorted(live, key=lambda s: s.age):
        by_section.setdefault((spec.language, spec.section), []).append(spec)
    for spec in live:
        rng = random.Random(f"{SEED}:related:{spec.slug}")
        if spec.slug != LONG_ANALYSIS_SLUG and rng.random() > 0.6:
            continue
        siblings = by_section[spec.language, spec.section]
        older = [s for s in siblings if s.age > spec.age][:20]
        if not older:
            continue
        picks = rng.sample(older, min(len(older), rng.randint(1, 3)))
        spec.related = [s.slug for s in picks]


# --------------------------------------------------------------------------
# Pictures
# --------------------------------------------------------------------------


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _hex(rgb: tuple) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _gradient(size: tuple[int, int], top: str, bottom: str) -> PILImage.Image:
    mask = PILImage.linear_gradient("L").resize(size)
    return ImageOps.colorize(mask, top, bottom)


def _draw_motif(canvas: PILImage.Image, image: DemoImage, rng: random.Random) -> None:
    draw = ImageDraw.Draw(canvas)
    w, h = canvas.size
    accent = _rgb(image.accent)
    bottom = _rgb(image.bottom)
    if image.motif == "skyline":
        x = 0
        while x < w:
            bw, bh = rng.randint(50, 150), rng.randint(int(h * 0.15), int(h * 0.6))
            draw.rectangle([x, h - bh, x + bw, h], fill=accent)
            if rng.random() < 0.2:
                draw.polygon(
                    [(x, h - bh), (x + bw / 2, h - bh - 90), (x + bw, h - bh)],
                    fill=accent,
                )
            light = _mix(accent, (255, 220, 150), 0.55)
            for wy in range(h - bh + 20, h - 20, 34):
                for wx in range(x + 12, x + bw - 16, 26):
                    if rng.random() < 0.35:
                        draw.rectangle([wx, wy, wx + 10, wy + 14], fill=light)
            x += bw + rng.randint(0, 14)
    elif image.motif == "sea":
        horizon = int(h * 0.6)
        sx, r = rng.randint(int(w * 0.2), int(w * 0.8)), rng.randint(70, 120)
        draw.ellipse(
            [sx - r, horizon - r * 1.6, sx + r, horizon + r * 0.4], fill=accent
        )
        draw.rectangle([0, horizon, w, h], fill=bottom)
        wave = _mix(bottom, (255, 255, 255), 0.25)
        for y in range(horizon + 20, h, 28):
            phase = rng.random() * math.tau
            points = [
                (x, y + 6 * math.sin(x / 45 + phase)) for x in range(0, w + 30, 30)
            ]
            draw.line(points, fill=wave, width=3)
    elif image.motif == "hills":
        for layer in range(4):
            base = h * (0.45 + layer * 0.14)
            amp, freq, phase = 60 - layer * 8, 0.004 + layer * 0.002, rng.random() * 9
            points = [
                (x, base + amp * math.sin(x * freq + phase))
                for x in range(0, w + 40, 40)
            ]
            colour = _mix(accent, (0, 0, 0), layer * 0.18)
            draw.polygon([*points, (w, h), (0, h)], fill=colour)
    elif image.motif == "chart":
        ink = accent
        for y in range(int(h * 0.15), h, 90):
            draw.line([(80, y), (w - 80, y)], fill=_mix(bottom, ink, 0.25), width=2)
        bars, value = 12, rng.uniform(0.2, 0.35)
        bw = (w - 200) / bars
        tops = []
        for i in range(bars):
            value = min(0.85, max(0.1, value + rng.uniform(-0.05, 0.1)))
            x0 = 100 + i * bw
            top = h - 80 - value * (h - 200)
            draw.rectangle([x0 + 10, top, x0 + bw - 10, h - 80], fill=ink)
            tops.append((x0 + bw / 2, top - 40))
        draw.line(tops, fill=_mix(ink, (255, 80, 60), 0.6), width=6)
        for cx, cy in tops:
            draw.ellipse([cx - 9, cy - 9, cx + 9, cy + 9], fill=(255, 255, 255))
    elif image.motif == "carpet":
        draw.rectangle([40, 40, w - 40, h - 40], outline=accent, width=18)
        draw.rectangle([90, 90, w - 90, h - 90], outline=accent, width=6)
        second = _mix(accent, (30, 60, 140), 0.6)
        for cy in range(170, h - 120, 140):
            for cx in range(170, w - 120, 140):
                size = 52 if (cx + cy) % 280 else 38
                colour = accent if (cx // 140 + cy // 140) % 2 else second
                draw.polygon(
                    [
                        (cx, cy - size),
                        (cx + size, cy),
                        (cx, cy + size),
                        (cx - size, cy),
                    ],
                    fill=colour,
                )
        cx, cy = w // 2, h // 2
        for size, colour in ((260, accent), (200, second), (130, accent), (60, second)):
            draw.polygon(
                [
                    (cx, cy - size),
                    (cx + size * 1.4, cy),
                    (cx, cy + size),
                    (cx - size * 1.4, cy),
                ],
                fill=colour,
            )
    elif image.motif == "globe":
        cx, cy, r = w // 2, h // 2, int(h * 0.38)
        line = _mix(bottom, (255, 255, 255), 0.35)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=line, width=5)
        for k in range(1, 4):
            rx = r * k / 4
            draw.ellipse([cx - rx, cy - r, cx + rx, cy + r], outline=line, width=3)
        for k in range(-3, 4):
            y = cy + r * k / 4
            half = math.sqrt(max(r * r - (y - cy) ** 2, 0))
            draw.line([(cx - half, y), (cx + half, y)], fill=line, width=3)
        dots = [
            (cx + rng.uniform(-0.8, 0.8) * r, cy + rng.uniform(-0.6, 0.6) * r)
            for _ in range(6)
        ]
        draw.line(dots, fill=accent, width=6)
        for x, y in dots:
            draw.ellipse([x - 12, y - 12, x + 12, y + 12], fill=accent)
    elif image.motif == "stadium":
        draw.rectangle([0, int(h * 0.35), w, h], fill=_mix(bottom, (0, 0, 0), 0.3))
        field_colour = _mix(accent, (40, 140, 60), 0.5)
        draw.polygon(
            [
                (w * 0.2, h * 0.5),
                (w * 0.8, h * 0.5),
                (w * 0.95, h * 0.95),
                (w * 0.05, h * 0.95),
            ],
            fill=field_colour,
        )
        draw.line([(w * 0.5, h * 0.5), (w * 0.5, h * 0.95)], fill="white", width=4)
        draw.ellipse([w * 0.44, h * 0.64, w * 0.56, h * 0.8], outline="white", width=4)
        for row in range(6):
            y = h * 0.38 + row * 14
            for x in range(20, w, 22):
                if rng.random() < 0.7:
                    colour = rng.choice([accent, (240, 240, 240), (250, 200, 60)])
                    draw.ellipse([x, y, x + 8, y + 8], fill=colour)
        for fx in (w * 0.1, w * 0.9):
            draw.rectangle([fx - 4, h * 0.08, fx + 4, h * 0.35], fill=(200, 200, 200))
            draw.rectangle([fx - 40, h * 0.05, fx + 40, h * 0.1], fill=(255, 250, 220))
    elif image.motif == "columns":
        left, right = w * 0.22, w * 0.78
        base, top = h * 0.85, h * 0.38
        draw.polygon(
            [(left - 30, top), (w / 2, h * 0.16), (right + 30, top)], fill=accent
        )
        draw.rectangle([left - 30, top, right + 30, top + 30], fill=accent)
        for i in range(8):
            x = left + i * (right - left - 40) / 7
            draw.rectangle([x, top + 40, x + 40, base], fill=accent)
        for step in range(3):
            draw.rectangle(
                [
                    left - 50 - step * 25,
                    base + step * 18,
                    right + 50 + step * 25,
                    base + (step + 1) * 18,
                ],
                fill=_mix(accent, (0, 0, 0), 0.1 * (step + 1)),
            )


def _jpeg(canvas: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=84, optimize=True)
    return buffer.getvalue()


def article_picture(image: DemoImage) -> bytes:
    """A 1600x900 JPEG illustration for `image`, the same bytes every time."""
    canvas = _gradient(ARTICLE_IMAGE_SIZE, image.top, image.bottom)
    _draw_motif(canvas, image, random.Random(f"{SEED}:image:{image.title}"))
    return _jpeg(canvas)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        # Pillow's bundled face; no font files or downloads needed.
        return ImageFont.load_default(size=size)
    except (ImportError, OSError):
        return ImageFont.load_default()


def portrait_picture(author: DemoAuthor) -> bytes:
    """A square placeholder portrait: the author's initials on their colour."""
    base = _rgb(author.colour)
    canvas = _gradient(
        PORTRAIT_SIZE,
        _hex(_mix(base, (255, 255, 255), 0.25)),
        _hex(_mix(base, (0, 0, 0), 0.35)),
    )
    draw = ImageDraw.Draw(canvas)
    w, h = canvas.size
    draw.ellipse([60, 60, w - 60, h - 60], outline=(255, 255, 255), width=6)
    initials = "".join(part[0] for part in author.name.split()[:2]).upper()
    font = _font(230)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    draw.text(
        ((w - (right - left)) / 2 - left, (h - (bottom - top)) / 2 - top),
        initials,
        font=font,
        fill=(255, 255, 255),
    )
    return _jpeg(canvas)


def portrait_title(author: DemoAuthor) -> str:
    return f"Demo portrait: {author.name}"


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


@dataclass
class LoadReport:
    """What one run created, and what the demo tables hold afterwards."""

    created: Counter = field(default_factory=Counter)
    totals: dict[str, int] = field(default_factory=dict)


class DemoConflict(Exception):
    """The database holds something the demo would have to change."""


def _ensure_users(report: LoadReport) -> dict[str, models.Model]:
    User = get_user_model()
    users = {}
    for username, first, last, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@newsroom.example",
                "is_staff": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role))
            report.created["users"] += 1
        elif not (user.is_staff and user.groups.filter(name=role).exists()):
            # Someone's own account, not the demo's from an earlier run: its
            # password, staff status and groups are not the demo's to change
            # (an `editor` of a real newsroom must not become an Editor).
            raise DemoConflict(
                f"An account named '{username}' already exists and is not the "
                f"demo's {role}; the demo changes no existing account. Load it "
                "into another database."
            )
        users[username] = user
    return users


def _fill_translations(
    row: Translatable, field_name: str, texts: dict[str, str], languages: list[str]
) -> int:
    """Give `row` the texts it lacks; one someone typed in the admin stays."""
    added = 0
    for language in languages:
        if language in texts and not row.translations.get(language, {}).get(field_name):
            row.set_translation(field_name, language, texts[language])
            added += 1
    return added


def _ensure_sections(report: LoadReport, languages: list[str]) -> dict[str, Section]:
    sections = {}
    for position, (slug, name, description) in enumerate(SECTIONS, start=1):
        section = Section.objects.filter(
            models.Q(slug=slug) | models.Q(name=name)
        ).first()
        if section is None:
            section = Section(
                slug=slug, name=name, position=position * 10, description=description
            )
            _fill_translations(section, "name", SECTION_NAMES[slug], languages)
            section.save()
            report.created["sections"] += 1
        else:
            added = _fill_translations(
                section, "name", SECTION_NAMES.get(slug, {}), languages
            )
            if added:
                section.save(update_fields=["translations"])
                report.created["section name translations"] += added
        sections[slug] = section
    return sections


def _ensure_images(
    wanted: list[tuple[str, Callable[[], bytes], dict[str, object]]],
    report: LoadReport,
) -> dict[str, Image]:
    """Images by title, drawing only the missing ones (renditions are costly)."""
    titles = [title for title, _draw, _fields in wanted]
    found: dict[str, Image] = {}
    for image in Image.objects.filter(title__in=titles).order_by("pk"):
        found.setdefault(image.title, image)
    for title, draw, fields in wanted:
        if title in found:
            continue
        found[title] = Image.objects.create(
            title=title,
            file=ContentFile(draw(), name=f"{slugify(title)}.jpg"),
            credit=IMAGE_CREDIT,
            **fields,
        )
        report.created["images"] += 1
    return found


def _ensure_authors(
    journalist: models.Model, report: LoadReport, languages: list[str]
) -> dict[str, Author]:
    photos = _ensure_images(
        [
            (
                portrait_title(author),
                lambda author=author: portrait_picture(author),
                {
                    "caption": author.name,
                    "alt_text": f"Placeholder portrait of {author.name}",
                    "focal_y": 0.4,
                },
            )
            for author in AUTHORS
        ],
        report,
    )
    existing = {
        a.slug: a for a in Author.objects.filter(slug__in=[a.slug for a in AUTHORS])
    }
    lines, links = [], []
    for demo in AUTHORS:
        if demo.slug in existing:
            continue
        author = Author.objects.create(
            name=demo.name,
            slug=demo.slug,
            photo=photos[portrait_title(demo)],
            degree=demo.degree,
            school=demo.school,
            city=demo.city,
            country=demo.country,
            biography=demo.biography,
            email=f"{demo.slug}@newsroom.example",
        )
        existing[demo.slug] = author
        report.created["authors"] += 1
        for position, text in enumerate(demo.expertise):
            line = ExpertiseLine(author=author, text=text, position=position)
            _fill_translations(
                line, "text", EXPERTISE_TRANSLATIONS.get(text, {}), languages
            )
            lines.append(line)
        links += [
            SocialLink(author=author, network=network, url=url, position=position)
            for position, (network, url) in enumerate(demo.social)
        ]
    ExpertiseLine.objects.bulk_create(lines)
    SocialLink.objects.bulk_create(links)
    report.created["expertise lines"] += len(lines)
    report.created["social links"] += len(links)

    # Lines loaded before the editions existed get their translations now.
    untranslated = []
    for line in ExpertiseLine.objects.filter(
        author__slug__in=[a.slug for a in AUTHORS], text__in=EXPERTISE_TRANSLATIONS
    ):
        added = _fill_translations(
            line, "text", EXPERTISE_TRANSLATIONS[line.text], languages
        )
        if added:
            untranslated.append(line)
            report.created["expertise line translations"] += added
    ExpertiseLine.objects.bulk_update(untranslated, ["translations"])

    profile = existing[JOURNALIST_AUTHOR]
    if profile.user_id is None and not Author.objects.filter(user=journalist).exists():
        profile.user = journalist
        profile.save(update_fields=["user"])
    return existing


def _ensure_tags(names: set[str]) -> dict[str, Tag]:
    """Tags by name, matched on name or slug as taggit's case-insensitive
    mode does, creating only the missing ones."""
    slugs = {name: slugify(name) for name in names}

    def lookup() -> dict[str, Tag]:
        found: dict[str, Tag] = {}
        for tag in Tag.objects.filter(
            models.Q(name__in=names) | models.Q(slug__in=slugs.values())
        ):
            found[tag.slug] = found[tag.name.lower()] = tag
        return found

    found = lookup()
    missing = sorted(
        name for name in names if name.lower() not in found and slugs[name] not in found
    )
    if missing:
        Tag.objects.bulk_create([Tag(name=name, slug=slugs[name]) for name in missing])
        found = lookup()
    return {name: found.get(name.lower()) or found[slugs[name]] for name in names}


def _article(
    spec: Spec,
    *,
    now: datetime,
    sections: dict[str, Section],
    images: dict[str, Image],
    created_by: models.Model | None,
    translation_of_id: int | None = None,
) -> Article:
    published_at = None
    if spec.age is not None:
        published_at = (now - spec.age).replace(second=0, microsecond=0)
    # A spec names most content fields as the article does; the others it
    # gives by name (section, picture, original) or implies (a partner makes
    # it partner content), and the rest keep the model's defaults.
    content = {
        name: getattr(spec, name)
        for name in Article.CONTENT_FIELDS
        if hasattr(spec, name)
    }
    return Article(
        **content,
        section=sections[spec.section],
        hero_image=images.get(spec.image) if spec.image else None,
        translation_of_id=translation_of_id,
        is_sponsored=bool(spec.partner_name),
        status=spec.status,
        published_at=published_at,
        first_published_at=published_at if spec.status == PUBLISHED else None,
        created_by=created_by,
    )


def _ensure_articles(
    specs: list[Spec],
    *,
    now: datetime,
    sections: dict[str, Section],
    authors: dict[str, Author],
    images: dict[str, Image],
    journalist: models.Model,
    editor: models.Model,
    report: LoadReport,
) -> None:
    existing = set(
        Article.objects.filter(slug__in=[s.slug for s in specs]).values_list(
            "slug", flat=True
        )
    )
    new = [s for s in specs if s.slug not in existing]
    # A translation someone started in the admin (under another address)
    # already fills its language in the group.
    taken = set(
        Article.objects.filter(
            translation_of__slug__in={s.translation_of for s in new if s.translation_of}
        ).values_list("translation_of__slug", "language")
    )
    new = [s for s in new if (s.translation_of, s.language) not in taken]
    if not new:
        return

    def created_by(spec: Spec) -> models.Model | None:
        return journalist if spec.authors[:1] == [JOURNALIST_AUTHOR] else None

    # One save() per piece rather than bulk_create: save() is where a row is
    # made consistent (slug, sanitised body, search document), and a few
    # hundred saves cost little next to drawing the image renditions.
    # Originals go first so translations can point at them.
    pks = dict(
        Article.objects.filter(
            slug__in=[s.translation_of for s in new if s.translation_of]
        ).values_list("slug", "pk")
    )
    published_times = {}
    for spec in sorted(new, key=lambda s: s.translation_of is not None):
        article = _article(
            spec,
            now=now,
            sections=sections,
            images=images,
            created_by=created_by(spec),
            translation_of_id=pks.get(spec.translation_of),
        )
        article.save()
        pks[spec.slug] = article.pk
        published_times[spec.slug] = article.published_at
    pks.update(
        Article.objects.filter(
            slug__in=[t for s in new for t in s.related if t not in pks]
        ).values_list("slug", "pk")
    )
    new_pks = [pks[s.slug] for s in new]
    report.created["articles"] += len(new)
    # Back-date the bookkeeping so the admin's "created" and "updated"
    # columns match the story's time instead of the moment of loading.
    Article.objects.filter(pk__in=new_pks, published_at__lte=now).update(
        created_at=models.F("published_at"), updated_at=models.F("published_at")
    )

    bylines = [
        Byline(
            article_id=pks[s.slug],
            author=authors[slug],
            position=position,
            published_at=published_times[s.slug],
        )
        for s in new
        for position, slug in enumerate(s.authors)
        if slug in authors
    ]
    related = [
        RelatedArticle(article_id=pks[s.slug], target_id=pks[slug], position=position)
        for s in new
        for position, slug in enumerate(s.related)
        if slug in pks and slug != s.slug
    ]
    tags = _ensure_tags({name for s in new for name in s.tags})
    content_type = ContentType.objects.get_for_model(Article)
    tagged = [
        TaggedItem(content_type=content_type, object_id=pks[s.slug], tag=tags[name])
        for s in new
        for name in dict.fromkeys(s.tags)
    ]
    Byline.objects.bulk_create(bylines)
    RelatedArticle.objects.bulk_create(related)
    TaggedItem.objects.bulk_create(tagged, ignore_conflicts=True)
    report.created["bylines"] += len(bylines)
    report.created["related links"] += len(related)
    report.created["tagged items"] += len(tagged)

    for spec in new:
        if spec.workflow:
            _walk_workflow(
                Article.objects.get(pk=pks[spec.slug]),
                spec,
                now=now,
                journalist=journalist,
                editor=editor,
            )


def _walk_workflow(
    article: Article,
    spec: Spec,
    *,
    now: datetime,
    journalist: models.Model,
    editor: models.Model,
) -> None:
    """Move a demo draft to its state through the real workflow, so its
    history shows who submitted, returned or scheduled it, and why."""
    workflow.submit(article, by=journalist)
    if spec.workflow == Article.Status.RETURNED:
        workflow.return_to_author(article, by=editor, comment=RETURN_COMMENT)
    elif spec.workflow == workflow.SCHEDULED:
        at = (now + spec.ahead).replace(second=0, microsecond=0)
        workflow.schedule(article, by=editor, at=at)


def demo_totals() -> dict[str, int]:
    """Row counts of everything the demo fills, for the command's summary."""
    User = get_user_model()
    per_edition = dict(
        Article.objects.order_by()
        .values_list("language")
        .annotate(n=models.Count("pk"))
        .values_list("language", "n")
    )
    return {
        "sections": Section.objects.count(),
        "authors": Author.objects.count(),
        "expertise lines": ExpertiseLine.objects.count(),
        "social links": SocialLink.objects.count(),
        "images": Image.objects.count(),
        "articles": Article.objects.count(),
        **{
            f"in {LANG_INFO[code]['name']}": per_edition.get(code, 0)
            for code in editions.codes()
        },
        "translations": Article.objects.exclude(translation_of=None).count(),
        "bylines": Byline.objects.count(),
        "related links": RelatedArticle.objects.count(),
        "tags": Tag.objects.count(),
        "tagged items": TaggedItem.objects.count(),
        "ticker items": TickerItem.objects.count(),
        "curated items": CuratedItem.objects.count(),
        "follow-us links": FollowLink.objects.count(),
        "read counts": ReadCount.objects.count(),
        "staff users": User.objects.filter(is_staff=True).count(),
    }


FOLLOW_LINKS = [
    ("facebook", "newsroom-demo", "https://www.facebook.com/newsroom-demo"),
    ("x", "@newsroom_demo", "https://x.com/newsroom_demo"),
    ("telegram", "t.me/newsroom_demo", "https://t.me/newsroom_demo"),
    ("youtube", "Newsroom demo TV", "https://www.youtube.com/@newsroom-demo"),
    ("instagram", "@newsroom.demo", "https://www.instagram.com/newsroom.demo"),
]


@dataclass(frozen=True)
class DemoTicker:
    language: str
    text: str
    priority: int
    # Hours from the load it starts (negative: already running) and lasts
    # (None: until someone ends it).
    starts: int
    lasts: int | None = None
    breaking: bool = False
    article: str | None = None  # the slug of the piece it links to


T = DemoTicker
TICKER = [
    T("en", "Parliament opens its autumn session with the budget debate", 5, -2),
    T(
        "en",
        "Central Bank keeps the refinancing rate unchanged",
        9,
        -1,
        breaking=True,
        article="central-bank-leaves-refinancing-rate-unchanged",
    ),
    T("en", "Caspian ferry timetable changes from Monday", 1, -5),
    T("en", "Weather: rain and wind expected in Baku tomorrow", 0, -3),
    T("en", "Press conference of the Ministry of Economy at 15:00", 3, 2, 4),
    T(
        "az",
        "Şamaxıda 4,1 maqnitudalı zəlzələ: dağıntı yoxdur",
        9,
        -1,
        breaking=True,
        article="earthquake-felt-in-shamakhi-no-damage-reported-az",
    ),
    T(
        "az",
        "Mərkəzi Bank uçot dərəcəsini dəyişməz saxlayıb",
        6,
        -1,
        article="central-bank-leaves-refinancing-rate-unchanged-az",
    ),
    T(
        "az",
        "Bakı metrosunda ilin sonunadək iki yeni stansiya açılacaq",
        4,
        -4,
        article="baku-metro-to-open-two-new-stations-before-the-end-of-the-year-az",
    ),
    T("az", "Bazar ertəsindən Xəzər bərələrinin cədvəli dəyişir", 1, -5),
    T("az", "Hava: sabah Bakıda yağış və külək gözlənilir", 0, -3),
    T("az", "İqtisadiyyat Nazirliyinin brifinqi saat 15:00-da", 3, 2, 4),
    T(
        "ru",
        "Землетрясение в Шемахе: разрушений нет",
        9,
        -1,
        breaking=True,
        article="earthquake-felt-in-shamakhi-no-damage-reported-ru",
    ),
    T(
        "ru",
        "Каспийский оператор начнёт бурение на трёх новых месторождениях",
        6,
        -6,
        article="caspian-operator-to-drill-at-three-new-oil-fields-ru",
    ),
    T(
        "ru",
        "Центробанк сохранил учётную ставку",
        4,
        -1,
        article="central-bank-leaves-refinancing-rate-unchanged-ru",
    ),
    T("ru", "С понедельника меняется расписание каспийских паромов", 1, -5),
    T("ru", "Погода: завтра в Баку дождь и ветер", 0, -3),
    T("ru", "Брифинг Министерства экономики в 15:00", 3, 2, 4),
]
del T
# How many of each edition's newest pieces get a week of reads.
READ_PIECES = {"en": 25}
READ_PIECES_DEFAULT = 12


def _ensure_ticker(now: datetime, report: LoadReport, languages: list[str]) -> None:
    existing = set(TickerItem.objects.values_list("language", "text"))
    linked = dict(
        Article.objects.filter(
            slug__in=[item.article for item in TICKER if item.article]
        ).values_list("slug", "pk")
    )
    for item in TICKER:
        if item.language not in languages or (item.language, item.text) in existing:
            continue
        start = now + timedelta(hours=item.starts)
        TickerItem.objects.create(
            language=item.language,
            text=item.text,
            article_id=linked.get(item.article),
            is_breaking=item.breaking,
            priority=item.priority,
            starts_at=start,
            ends_at=start + timedelta(hours=item.lasts) if item.lasts else None,
        )
        report.created["ticker items"] += 1


def _ensure_furniture(now: datetime, report: LoadReport, languages: list[str]) -> None:
    """Follow-us links, each edition's ticker, editor's picks and a week of
    reads."""
    for position, (network, label, url) in enumerate(FOLLOW_LINKS):
        _link, created = FollowLink.objects.get_or_create(
            network=network, defaults={"label": label, "url": url, "position": position}
        )
        report.created["follow-us links"] += created
    _ensure_ticker(now, report, languages)
    picks, _created = CuratedList.objects.get_or_create(
        slug=EDITORS_PICKS, defaults={"name": "Editor's picks"}
    )
    today = timezone.localdate(now)
    for language in languages:
        live = list(
            Article.objects.published(at=now)
            .in_edition(language)
            .exclude(is_sponsored=True)
            .order_by("-published_at", "pk")[:60]
        )
        # Each edition shows the picks in its language, so each gets its own.
        if not picks.items.filter(article__language=language).exists():
            chosen = [a for a in live if a.content_type in (ANALYSIS, INTERVIEW)]
            if language != ORIGINAL_LANGUAGE:
                chosen += [a for a in live if a.content_type in (FEATURE, OPINION)]
            chosen = chosen[:5]
            CuratedItem.objects.bulk_create(
                CuratedItem(curated_list=picks, article=article, position=n)
                for n, article in enumerate(chosen)
            )
            report.created["curated items"] += len(chosen)
        rng = random.Random(7 if language == ORIGINAL_LANGUAGE else f"7:{language}")
        for article in live[: READ_PIECES.get(language, READ_PIECES_DEFAULT)]:
            for days_ago in range(7):
                _count, created = ReadCount.objects.get_or_create(
                    article=article,
                    day=today - timedelta(days=days_ago),
                    defaults={"count": rng.randint(20, 900)},
                )
                report.created["read counts"] += created


def load_demo_newsroom(
    *, articles: int = DEFAULT_ARTICLES, now: datetime | None = None
) -> LoadReport:
    """Fill the database with the demo agency, adding only what is missing.

    `articles` is the total number of articles wanted; the showcase pieces
    (every content type, marker and language) are always included. Publish
    times are relative to `now`, so the front page looks fresh on first load.
    """
    now = now or timezone.now()
    report = LoadReport()
    # Only the editions this site runs (NEWSROOM_LANGUAGES).
    languages = editions.codes()
    specs = [spec for spec in build_specs(articles) if spec.language in languages]
    with transaction.atomic():
        # The groups normally exist after migrate; this covers a database
        # migrated before the roles table existed.
        roles.sync_roles()
        users = _ensure_users(report)
        sections = _ensure_sections(report, languages)
        images = _ensure_images(
            [
                (
                    image.title,
                    lambda image=image: article_picture(image),
                    {"caption": image.caption, "alt_text": image.alt_text},
                )
                for image in ARTICLE_IMAGES
            ],
            report,
        )
        authors = _ensure_authors(users["journalist"], report, languages)
        _ensure_articles(
            specs,
            now=now,
            sections=sections,
            authors=authors,
            images=images,
            journalist=users["journalist"],
            editor=users["editor"],
            report=report,
        )
        _ensure_furniture(now, report, languages)
        report.created["API subscribers"] += ensure_demo_subscriber()
    report.totals = demo_totals()
    return report
