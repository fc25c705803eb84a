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
All texts are written for this demo; the people, companies, figures and
quotes in them are invented.
"""

from __future__ import annotations

import io
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

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

from agency.models import FollowLink
from api.demo import ensure_demo_subscriber
from authors.models import Author, ExpertiseLine, SocialLink
from headlines.models import CuratedItem, CuratedList, TickerItem
from headlines.templatetags.headlines import EDITORS_PICKS
from images.models import Image

from . import roles, workflow
from .models import Article, Byline, ReadCount, RelatedArticle, Section

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
    """Pieces that make sure every content type, marker and language shows."""
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
        # Translations follow the pieces they translate.
        Spec(
            slug="caspian-energy-corridor-analysis-az",
            headline=(
                "Xəzər enerji dəhlizi: tranzit marşrutu necə strategiyaya çevrildi"
            ),
            lead=(
                "Boru kəmərləri, limanlar, dəmir yolu və planlaşdırılan sualtı "
                "elektrik kabeli Xəzəri yolun sonundan kəsişmə nöqtəsinə "
                "çevirir."
            ),
            body=(
                "<p>Uzun illər Xəzər dənizi xəritələrdə yolun sonundakı göl "
                "kimi təsvir olunurdu. Bu mənzərə gözləniləndən daha sürətlə "
                "dəyişib.</p><h2>Boru kəmərlərindən şəbəkəyə</h2><p>Bu gün "
                "region boru kəmərləri, limanlar, dəmir yolları və elektrik "
                "xətlərindən ibarət dəhliz kimi müzakirə olunur.</p><h2>Nəyə "
                "diqqət yetirməli</h2><ul><li>Vahid tranzit tarifləri.</li>"
                "<li>Sualtı kabel layihəsi üzrə qərarlar.</li><li>Şərq "
                "sahilində limanların genişləndirilməsi.</li></ul>"
            ),
            section="economy",
            content_type=ANALYSIS,
            age=minutes(4 * 60),
            authors=["leyla-mammadova"],
            tags=["Energy", "Caspian"],
            image=energy,
            language="az",
            translation_of=LONG_ANALYSIS_SLUG,
        ),
        Spec(
            slug="caspian-energy-corridor-analysis-ru",
            headline=(
                "Каспийский энергетический коридор: как транзитный маршрут стал "
                "стратегией"
            ),
            lead=(
                "Трубопроводы, порты, железные дороги и планируемый подводный "
                "кабель превращают Каспий из тупика в перекрёсток."
            ),
            body=(
                "<p>Долгое время Каспийское море описывали как озеро в конце "
                "дороги. Эта картина изменилась быстрее, чем многие "
                "ожидали.</p><h2>От трубопроводов к сети</h2><p>Сегодня "
                "регион обсуждают как коридор: цепочку трубопроводов, портов, "
                "железных дорог и линий электропередачи.</p><h2>За чем "
                "следить</h2><ul><li>Единые сквозные тарифы.</li><li>Решения "
                "по подводному кабелю.</li><li>Расширение портов на восточном "
                "берегу.</li></ul>"
            ),
            section="economy",
            content_type=ANALYSIS,
            age=minutes(4 * 60 - 20),
            authors=["leyla-mammadova", "anna-petrova"],
            tags=["Energy", "Caspian"],
            image=energy,
            language="ru",
            translation_of=LONG_ANALYSIS_SLUG,
        ),
        Spec(
            slug="ministry-of-economy-non-oil-exports-ten-months-az",
            headline="İqtisadiyyat Nazirliyi: on ayda qeyri-neft ixracı artıb",
            lead="İqtisadiyyat Nazirliyinin mətbuat xidməti məlumat verir.",
            body=(
                "<p>Yanvar–oktyabr aylarında qeyri-neft ixracı ötən ilin eyni "
                "dövrü ilə müqayisədə artıb.</p><p>Artımın əsas hissəsi meyvə-"
                "tərəvəz, toxuculuq, kimya və alüminium məhsullarının payına "
                "düşür.</p>"
            ),
            section="official",
            content_type=PRESS_RELEASE,
            age=minutes(2 * 60 + 30),
            source="İqtisadiyyat Nazirliyinin mətbuat xidməti",
            tags=["Exports"],
            image="Demo: export figures chart",
            language="az",
            translation_of="ministry-of-economy-non-oil-exports-ten-months",
        ),
        Spec(
            slug="ministry-of-economy-non-oil-exports-ten-months-ru",
            headline="Минэкономики: ненефтяной экспорт за десять месяцев вырос",
            lead="Сообщает пресс-служба Министерства экономики.",
            body=(
                "<p>В январе–октябре ненефтяной экспорт вырос по сравнению с "
                "тем же периодом прошлого года.</p><p>Наибольший вклад в рост "
                "внесли плодоовощная продукция, текстиль, химия и "
                "алюминий.</p>"
            ),
            section="official",
            content_type=PRESS_RELEASE,
            age=minutes(2 * 60 + 20),
            source="Пресс-служба Министерства экономики",
            tags=["Exports"],
            image="Demo: export figures chart",
            language="ru",
            translation_of="ministry-of-economy-non-oil-exports-ten-months",
        ),
        Spec(
            slug="earthquake-felt-in-shamakhi-no-damage-reported-az",
            headline="Şamaxıda 4,1 bal gücündə zəlzələ hiss olunub, ziyan yoxdur",
            lead="Zəlzələ təxminən 10 kilometr dərinlikdə qeydə alınıb.",
            body=(
                "<p>Şamaxı və qonşu rayonlarda 4,1 bal gücündə zəlzələ hiss "
                "olunub.</p><p>Dağıntı və xəsarət alan olmayıb.</p>"
            ),
            section="society",
            content_type=NEWS,
            age=minutes(10),
            urgency=1,
            dateline_city="Şamaxı",
            tags=["Earthquake"],
            image="Demo: mountain village road",
            language="az",
            translation_of="earthquake-felt-in-shamakhi-no-damage-reported",
        ),
    ]


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

    The showcase pieces come first and are always included; generated pieces
    fill the rest up to `articles`.
    """
    specs = _showcase()
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
    _link_related(specs)
    return specs


def _link_related(specs: list[Spec]) -> None:
    """Give a good share of live English pieces 1-3 older pieces to point to."""
    live = [s for s in specs if s.is_live and s.language == "en"]
    by_section: dict[str, list[Spec]] = {}
    for spec in sorted(live, key=lambda s: s.age):
        by_section.setdefault(spec.section, []).append(spec)
    for spec in live:
        rng = random.Random(f"{SEED}:related:{spec.slug}")
        if spec.slug != LONG_ANALYSIS_SLUG and rng.random() > 0.6:
            continue
        older = [s for s in by_section[spec.section] if s.age > spec.age][:20]
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
            # Only on creation: hashing is slow, and someone who changed the
            # demo password meant it.
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            report.created["users"] += 1
        elif not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def _ensure_sections(report: LoadReport) -> dict[str, Section]:
    sections = {}
    for position, (slug, name, description) in enumerate(SECTIONS, start=1):
        section = Section.objects.filter(
            models.Q(slug=slug) | models.Q(name=name)
        ).first()
        if section is None:
            section = Section.objects.create(
                slug=slug, name=name, position=position * 10, description=description
            )
            report.created["sections"] += 1
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


def _ensure_authors(journalist: models.Model, report: LoadReport) -> dict[str, Author]:
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
        lines += [
            ExpertiseLine(author=author, text=text, position=position)
            for position, text in enumerate(demo.expertise)
        ]
        links += [
            SocialLink(author=author, network=network, url=url, position=position)
            for position, (network, url) in enumerate(demo.social)
        ]
    ExpertiseLine.objects.bulk_create(lines)
    SocialLink.objects.bulk_create(links)
    report.created["expertise lines"] += len(lines)
    report.created["social links"] += len(links)

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
    image = images.get(spec.image) if spec.image else None
    return Article(
        headline=spec.headline,
        slug=spec.slug,
        lead=spec.lead,
        body=spec.body,
        dateline_city=spec.dateline_city,
        source=spec.source,
        content_type=spec.content_type,
        section=sections[spec.section],
        urgency=spec.urgency,
        is_exclusive=spec.is_exclusive,
        has_video=spec.has_video,
        has_photos=spec.has_photos,
        is_sponsored=bool(spec.partner_name),
        partner_name=spec.partner_name,
        language=spec.language,
        translation_of_id=translation_of_id,
        hero_image=image,
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
        Byline(article_id=pks[s.slug], author=authors[slug], position=position)
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
    return {
        "sections": Section.objects.count(),
        "authors": Author.objects.count(),
        "expertise lines": ExpertiseLine.objects.count(),
        "social links": SocialLink.objects.count(),
        "images": Image.objects.count(),
        "articles": Article.objects.count(),
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
TICKER = [
    # text, breaking, priority, hours from now it starts, hours it lasts (None: open)
    ("Parliament opens its autumn session with the budget debate", False, 5, -2, None),
    ("Central Bank keeps the refinancing rate unchanged", True, 9, -1, None),
    ("Caspian ferry timetable changes from Monday", False, 1, -5, None),
    ("Weather: rain and wind expected in Baku tomorrow", False, 0, -3, None),
    ("Press conference of the Ministry of Economy at 15:00", False, 3, 2, 4),
]


def _ensure_furniture(now: datetime, report: LoadReport) -> None:
    """Follow-us links, the ticker, editor's picks and a week of reads."""
    for position, (network, label, url) in enumerate(FOLLOW_LINKS):
        _link, created = FollowLink.objects.get_or_create(
            network=network, defaults={"label": label, "url": url, "position": position}
        )
        report.created["follow-us links"] += created
    for text, breaking, priority, starts, lasts in TICKER:
        if TickerItem.objects.filter(text=text).exists():
            continue
        start = now + timedelta(hours=starts)
        TickerItem.objects.create(
            text=text,
            is_breaking=breaking,
            priority=priority,
            starts_at=start,
            ends_at=start + timedelta(hours=lasts) if lasts else None,
        )
        report.created["ticker items"] += 1
    live = list(
        Article.objects.published(at=now)
        .exclude(is_sponsored=True)
        .order_by("-published_at", "pk")[:60]
    )
    picks, _created = CuratedList.objects.get_or_create(
        slug=EDITORS_PICKS, defaults={"name": "Editor's picks"}
    )
    if not picks.items.exists():
        chosen = [a for a in live if a.content_type in ("analysis", "interview")][:5]
        CuratedItem.objects.bulk_create(
            CuratedItem(curated_list=picks, article=article, position=n)
            for n, article in enumerate(chosen)
        )
        report.created["curated items"] += len(chosen)
    rng = random.Random(7)
    today = timezone.localdate(now)
    for article in live[:25]:
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
    specs = build_specs(articles)
    with transaction.atomic():
        # The groups normally exist after migrate; this covers a database
        # migrated before the roles table existed.
        roles.sync_roles()
        users = _ensure_users(report)
        sections = _ensure_sections(report)
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
        authors = _ensure_authors(users["journalist"], report)
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
        _ensure_furniture(now, report)
        report.created["API subscribers"] += ensure_demo_subscriber()
    report.totals = demo_totals()
    return report
