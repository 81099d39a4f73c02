"""The words the site's addresses are made of, and its languages: defined here once for every layer.

The content checker refuses ids that are one of the site's own words, the web layer builds its
routes and query strings from them, and a test compares the two with the app's URL map.
"""

from __future__ import annotations

BOKMAL = "nb"
NYNORSK = "nn"
ENGLISH = "en"

#: The site's languages, in the order the language switcher lists them; the first is the default.
LANGUAGES = (BOKMAL, NYNORSK, ENGLISH)
#: The language every text is written in first; a missing translation falls back to it.
SOURCE_LANGUAGE = BOKMAL
#: The two written forms of Norwegian (a municipality writes its own pages in one of them).
NORWEGIAN = (BOKMAL, NYNORSK)
#: Each language's own name, as the language switcher shows it.
LANGUAGE_NAMES = {BOKMAL: "Norsk bokmål", NYNORSK: "Norsk nynorsk", ENGLISH: "English"}

#: The site's own pages, `/<lang>/<slug>`: slug -> the page's name in content/site/<lang>/.
SITE_PAGE_SLUGS = {"om": "about", "personvern": "privacy", "tilgjengelighet": "accessibility"}

#: A role's pages after its questions: `/<lang>/<role>/<word>`. The check page is gone (the last
#: answer leads to the result); its address sends old links on to the result.
CHECK_PAGE = "oppsummering"
RESULT_PAGE = "resultat"
HANDOUT_PAGE = "utskrift"
#: Where a question's form is sent: `/<lang>/<role>/<question>/<word>`.
ANSWER_PAGE = "svar"
#: Feedback on a result, under its address: the yes or no is sent to `…/resultat/tilbakemelding`,
#: the comment to `…/resultat/kommentar`, and the visitor is thanked on `…/resultat/takk/<step>`.
FEEDBACK_PAGE = "tilbakemelding"
COMMENT_PAGE = "kommentar"
THANKS_PAGE = "takk"

#: The query string's own keys beside the answers: come back to the result after a change
#: (`retur=resultat`), and the content version a result link was made with (`v=…`).
RETURN_KEY = "retur"
RETURN_TO_RESULT = RESULT_PAGE
VERSION_KEY = "v"

#: The municipalities' pages: the overview `/<lang>/kommuner`, one municipality `/<lang>/kommune/<nr>`,
#: and the form a municipality tells us what it has with, `/<lang>/kommune/meld-inn` (and its receipt).
MUNICIPALITIES_PAGE = "kommuner"
MUNICIPALITY_PAGE = "kommune"
CONTRIBUTE_PAGE = "meld-inn"
RECEIPT_PAGE = "mottatt"

#: Words that stand where a role id would in an address, so no role may be called that.
RESERVED_ROLE_IDS = frozenset({*SITE_PAGE_SLUGS, MUNICIPALITIES_PAGE, MUNICIPALITY_PAGE})
#: Words that stand where a question id would, in the path or the query string.
RESERVED_QUESTION_IDS = frozenset({CHECK_PAGE, RESULT_PAGE, HANDOUT_PAGE, RETURN_KEY, VERSION_KEY})
