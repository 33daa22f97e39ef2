"""Build an OLX course template in memory as ``{path relative to the course root: bytes}``.

The same ``CourseSpec`` always gives the same bytes: url_names derive from the area code and the
module index, attribute and file order are fixed, and nothing depends on the clock or randomness.
Layout (what Studio exports and imports)::

    course.xml  course/<run>.xml  chapter/ sequential/ vertical/ problem/ html/<url_name>.xml|.html
    about/overview.html  about/short_description.html  tags.csv
    policies/<run>/policy.json  policies/<run>/grading_policy.json  policies/assets.json
    static/course_image.png

The academy's blocks (``ppta_*``) are written inline in their unit with plain attributes (lists as
JSON), as ``contracts.md`` fixes them.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from course_templates.areas import ROMAN_CHAPTERS, Area, all_areas
from course_templates.images import course_image_png
from course_templates.spec import CourseSpec
from course_templates.taxonomies import course_tags_csv
from course_templates.texts import Material, Texts, area_materials, texts

# Only blocks that ppta itself installs: Studio shows an unknown advanced module as a broken component.
ADVANCED_MODULES = ("ppta_material", "ppta_library", "ppta_trainer_notes", "ppta_area_overview")
COURSE_IMAGE = "course_image.png"
CONTACT_EMAIL = "pragueprocess@icmpd.org"
QUIZ_WEIGHT = 0.5  # module quizzes together; the final assessment has the rest
GRADED_MAX_ATTEMPTS = 2  # practice checks have no limit (the attribute is left out)
COMPLETION_THRESHOLD = 0.8  # share of the completable blocks a certificate of completion needs
HOURS_PER_MODULE = {"standard": 2, "tot": 3}  # plus one hour for the welcome and the final assessment
CHOICES_PER_QUESTION = 4


def build_course(spec: CourseSpec) -> dict[str, bytes]:
    """All files of the course template described by ``spec``."""
    return _CourseBuilder(spec).build()


def course_title(spec: CourseSpec, lang: str) -> str:
    """The course title in ``lang``: ``--title`` for the course language, else the default title."""
    if spec.title and lang == spec.lang:
        return spec.title
    return texts(lang).get(f"title.{spec.kind}", area=spec.area.title(lang))


def url_name_prefix(area: Area) -> str:
    return area.code.lower()


@dataclass
class _Question:
    """One multiple-choice question; ``choices[correct]`` is the right answer."""

    url_name: str
    display_name: str
    label: str
    choices: list[str]
    correct: int
    solution: str


@dataclass
class _CourseBuilder:
    spec: CourseSpec
    files: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.t: Texts = texts(self.spec.lang)
        self.area = self.spec.area
        self.lang = self.spec.lang
        self.prefix = url_name_prefix(self.area)
        self.title = course_title(self.spec, self.lang)
        self.materials = area_materials(self.area.slug)

    # -- the course ------------------------------------------------------------------------------

    def build(self) -> dict[str, bytes]:
        spec = self.spec
        self._xml("course.xml", ET.Element("course", url_name=spec.run, org=spec.org, course=spec.number))
        chapters = [self._welcome_chapter()]
        chapters += [self._module_chapter(n) for n in range(1, spec.modules + 1)]
        chapters.append(self._final_chapter())
        course = ET.Element("course")  # its settings are in policy.json, as Studio exports them
        _children(course, "chapter", chapters)
        self._xml(f"course/{spec.run}.xml", course)
        self._text("about/overview.html", self._about_html())
        self._text("about/short_description.html", f"<p>{_esc(self.area.description(self.lang))}</p>\n")
        self._json(f"policies/{spec.run}/policy.json", self._policy())
        self._json(f"policies/{spec.run}/grading_policy.json", self._grading_policy())
        self.files[f"static/{COURSE_IMAGE}"] = course_image_png(self.area)
        self._json("policies/assets.json", {COURSE_IMAGE: {
            "contentType": "image/png", "displayname": COURSE_IMAGE, "locked": False}})
        self.files["tags.csv"] = course_tags_csv(self.title, spec.course_id, self.area, self.lang)
        return dict(sorted(self.files.items()))

    def _welcome_chapter(self) -> str:
        t, p = self.t, self.prefix
        overview = ET.Element(
            "ppta_area_overview", url_name=f"{p}_welcome_overview_block", display_name=t.get("welcome.overview_block"),
            area=self.area.slug, language=self.lang, effort=self._effort(),
            objectives=_json_attr(t.objectives(self.area.slug)))
        library = ET.Element(
            "ppta_library", url_name=f"{p}_welcome_library_block", display_name=t.get("welcome.library_block"),
            preset_areas=_json_attr([self.area.slug]), preset_types="[]", preset_language=self.lang, page_size="10")
        howto = t.paragraphs("welcome.howto", modules=t.plural("modules", self.spec.modules),
                             percent=t.percent(self.spec.pass_mark), quiz_weight=t.percent(QUIZ_WEIGHT),
                             final_weight=t.percent(1 - QUIZ_WEIGHT))
        if self.spec.kind == "tot":
            howto.append(t.get("welcome.howto_tot"))
        units = [
            self._vertical(f"{p}_welcome_overview", t.get("welcome.overview_unit"), [overview]),
            self._vertical(f"{p}_welcome_howto", t.get("welcome.howto_unit"),
                           [self._html(f"{p}_welcome_howto_text", t.get("welcome.howto_unit"), _paragraphs(howto))]),
            self._vertical(f"{p}_welcome_library", t.get("welcome.library_unit"), [library]),
        ]
        sequence = self._sequential(f"{p}_welcome_start", t.get("welcome.sequence"), units)
        return self._chapter(f"{p}_welcome", t.get("welcome.chapter"), [sequence])

    def _module_chapter(self, n: int) -> str:
        t, p = self.t, f"{self.prefix}_m{n:02d}"
        topic = self._topic(self.area, n)
        material = self.materials[(n - 1) % len(self.materials)]
        material_title = material.title(self.lang)
        intro = _paragraphs(t.paragraphs("module.intro", topic=topic, area=self.area.title(self.lang)))
        intro += _author_note(t.get("module.intro_author_note"))
        material_block = ET.Element(
            "ppta_material", url_name=f"{p}_material", display_name=material_title, material_id=material.id,
            url_en="", url_ru="", default_language=self.lang)
        practice = _Question(
            f"{p}_practice_check", t.get("module.practice_problem"), t.get("module.practice_question", n=n),
            *self._rotate(n, material_title, [m.title(self.lang) for m in self._other_materials(material, n)]),
            t.get("module.practice_solution", n=n, material=material_title))
        units = [
            self._vertical(f"{p}_intro", t.get("module.intro_unit"),
                           [self._html(f"{p}_intro_text", t.get("module.intro_unit"), intro)]),
            self._vertical(f"{p}_reading", t.get("module.material_unit"), [material_block]),
            self._vertical(f"{p}_practice", t.get("module.practice_unit"), [self._problem(practice, graded=False)]),
        ]
        if self.spec.kind == "tot":
            notes = ET.Element(
                "ppta_trainer_notes", url_name=f"{p}_trainer_notes", display_name=t.get("module.trainer_notes", n=n),
                notes=self._session_plan_html(topic, material_title), session_plans="[]")
            units.append(self._vertical(f"{p}_facilitator", t.get("module.facilitator_unit"), [notes]))
        learn = self._sequential(f"{p}_learn", t.get("module.learn_sequence"), units)
        quiz_questions = [
            _Question(f"{p}_quiz_topic", t.get("problem.question", n=1), t.get("module.quiz_topic_question", n=n),
                      *self._rotate(n + 1, topic, self._other_topics(n)),
                      t.get("module.quiz_topic_solution", n=n, topic=topic)),
            self._chapter_question(f"{p}_quiz_chapter", n + 2, number=2),
        ]
        quiz_unit = self._vertical(f"{p}_quiz_unit", t.get("module.quiz_unit"),
                                   [self._problem(q, graded=True) for q in quiz_questions])
        quiz = self._sequential(f"{p}_quiz", t.get("module.quiz_sequence", n=n), [quiz_unit],
                                grader=t.get("grading.quiz_type"))
        return self._chapter(p, t.get("module.chapter", n=n, topic=topic), [learn, quiz])

    def _final_chapter(self) -> str:
        t, p, lang = self.t, f"{self.prefix}_final", self.lang
        others = [area for area in all_areas() if area != self.area]
        objective = t.objectives(self.area.slug)[0]
        percent = _percent_value(self.spec.pass_mark)
        wrong_percents = [value for value in (50, 70, 90, 100, 60) if value != percent][: CHOICES_PER_QUESTION - 1]
        percents = sorted([percent, *wrong_percents])
        questions = [
            _Question(f"{p}_area", t.get("problem.question", n=1), t.get("final.area_question"),
                      *self._rotate(1, self.area.title(lang), [area.title(lang) for area in others]),
                      t.get("final.area_solution", area=self.area.title(lang))),
            _Question(f"{p}_objective", t.get("problem.question", n=2), t.get("final.objective_question"),
                      *self._rotate(2, objective, [t.objectives(area.slug)[0] for area in others]),
                      t.get("final.objective_solution", objective=objective)),
            self._chapter_question(f"{p}_chapter", 3, number=3),
            _Question(f"{p}_pass_mark", t.get("problem.question", n=4), t.get("final.pass_question"),
                      [t.percent(value / 100) for value in percents], percents.index(percent),
                      t.get("final.pass_solution", percent=t.percent(self.spec.pass_mark))),
        ]
        unit = self._vertical(f"{p}_unit", t.get("final.unit"), [self._problem(q, graded=True) for q in questions])
        sequence = self._sequential(f"{p}_exam", t.get("final.sequence"), [unit], grader=t.get("grading.final_type"))
        return self._chapter(p, t.get("final.chapter"), [sequence])

    # -- texts -------------------------------------------------------------------------------------

    def _topic(self, area: Area, n: int) -> str:
        topics = self.t.topics(area.slug)
        return topics[n - 1] if n <= len(topics) else self.t.get("module.extra_topic", n=n)

    def _other_topics(self, n: int) -> list[str]:
        """Topics of the same module index in the other areas (the wrong answers)."""
        index = (n - 1) % len(self.t.topics(self.area.slug)) + 1
        return [self._topic(area, index) for area in self._areas_after()]

    def _other_materials(self, material: Material, n: int) -> list[Material]:
        seen = {material.id}
        found = []
        for area in self._areas_after(start=n):
            for candidate in area_materials(area.slug):
                if candidate.id not in seen:
                    seen.add(candidate.id)
                    found.append(candidate)
        return found

    def _areas_after(self, start: int = 0) -> list[Area]:
        """The other areas, starting after this one (shifted by ``start``) and wrapping around."""
        areas = list(all_areas())
        ordered = [areas[(self.area.order + start + i) % len(areas)] for i in range(len(areas))]
        return [area for area in ordered if area != self.area]

    def _chapter_question(self, url_name: str, seed: int, *, number: int) -> _Question:
        t, chapter = self.t, self.area.chapter
        wrong = [t.get("module.chapter_choice", chapter=value) for value in ROMAN_CHAPTERS if value != chapter]
        shift = seed % len(wrong)
        choices, correct = self._rotate(seed, t.get("module.chapter_choice", chapter=chapter),
                                        wrong[shift:] + wrong[:shift])
        question = t.get("module.quiz_chapter_question", area=self.area.title(self.lang))
        return _Question(url_name, t.get("problem.question", n=number), question, choices, correct,
                         t.get("module.quiz_chapter_solution", area=self.area.title(self.lang), chapter=chapter))

    @staticmethod
    def _rotate(seed: int, right: str, wrong: Sequence[str]) -> tuple[list[str], int]:
        """Up to four choices with the right one at a position that varies with ``seed``."""
        wrong = [choice for choice in dict.fromkeys(wrong) if choice != right][: CHOICES_PER_QUESTION - 1]
        position = seed % (len(wrong) + 1)
        return [*wrong[:position], right, *wrong[position:]], position

    def _effort(self) -> str:
        hours = HOURS_PER_MODULE[self.spec.kind] * self.spec.modules + 1
        return self.t.plural("hours", hours)

    def _session_plan_html(self, topic: str, material_title: str) -> str:
        t = self.t
        steps = "".join(f"<li>{_esc(step)}</li>" for step in t.paragraphs("module.session", topic=topic,
                                                                          material=material_title))
        tips = "".join(f"<li>{_esc(tip)}</li>" for tip in t.paragraphs("module.tips"))
        return (f"<h3>{_esc(t.get('module.session_heading'))}</h3><ol>{steps}</ol>"
                f"<h3>{_esc(t.get('module.tips_heading'))}</h3><ul>{tips}</ul>")

    def _about_html(self) -> str:
        t, spec, lang = self.t, self.spec, self.lang
        area_title = self.area.title(lang)
        topics = [self._topic(self.area, n) for n in range(1, spec.modules + 1)]
        included = [t.get("about.included_modules", modules=t.plural("modules", spec.modules),
                          topics="; ".join(topics)), *t.paragraphs("about.included")]
        if spec.kind == "tot":
            included.append(t.get("about.included_tot"))
        steps = t.paragraphs("about.take", percent=t.percent(spec.pass_mark))
        sections = [
            ("about", "about.about_heading",
             _paragraphs([t.get(f"about.about_{spec.kind}", area=area_title, chapter=self.area.chapter),
                          self.area.description(lang), t.get("about.audience", effort=self._effort())])),
            ("objectives", "about.learn_heading",
             _paragraphs([t.get("about.learn_intro")]) + _list("ul", t.objectives(self.area.slug))),
            ("included", "about.included_heading", _list("ul", included)),
            ("course-staff", "about.trainers_heading",
             _author_note(t.get("about.trainers_author_note")) + _paragraphs([t.get("about.trainers")])),
            ("how-to-take", "about.take_heading",
             _list("ol", steps) + f'<p>{_esc(t.get("about.contact"))} '
             f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a></p>\n'),
        ]
        body = "".join(f'<section class="{css}">\n<h2>{_esc(t.get(heading))}</h2>\n{content}</section>\n'
                       for css, heading, content in sections)
        return body

    # -- policies ----------------------------------------------------------------------------------

    def _policy(self) -> dict:
        spec, t = self.spec, self.t
        overrides = {
            "course_title_en": course_title(spec, "en"),
            "course_title_ru": course_title(spec, "ru"),
            "ppta_area": self.area.slug,
            # standard or tot: the trainers app counts certificates of "tot" courses as ToT completed.
            "ppta_course_kind": spec.kind,
            # The academy's rule: a certificate of completion (certificates_theme.completion reads it).
            "ppta_completion_threshold": COMPLETION_THRESHOLD,
        }
        if spec.certificate_language:
            overrides["ppta_certificate_language"] = spec.certificate_language
        certificate = {
            "id": _stable_int(spec.course_id, "certificate"),
            "version": 1,
            "name": t.get("certificate.name"),
            "description": t.get("certificate.description", title=self.title),
            "is_active": True,
            "course_title": self.title,
            "editing": False,
            "signatories": [{
                "id": _stable_int(spec.course_id, "signatory"),
                "name": t.get("certificate.signatory_name"),
                "title": t.get("certificate.signatory_title"),
                "organization": t.get("certificate.signatory_organization"),
                "signature_image_path": "",
            }],
        }
        return {f"course/{spec.run}": {
            "display_name": self.title,
            "language": self.lang,
            "self_paced": True,
            "start": f"{spec.start}T00:00:00Z",
            "end": f"{spec.end}T00:00:00Z",
            "course_image": COURSE_IMAGE,
            "advanced_modules": list(ADVANCED_MODULES),
            "cert_html_view_enabled": True,
            "certificates": {"certificates": [certificate]},
            "cert_html_view_overrides": overrides,
        }}

    def _grading_policy(self) -> dict:
        t = self.t
        return {
            "GRADER": [
                {"type": t.get("grading.quiz_type"), "short_label": t.get("grading.quiz_label"),
                 "min_count": self.spec.modules, "drop_count": 0, "weight": QUIZ_WEIGHT},
                {"type": t.get("grading.final_type"), "short_label": t.get("grading.final_label"),
                 "min_count": 1, "drop_count": 0, "weight": round(1 - QUIZ_WEIGHT, 6)},
            ],
            "GRADE_CUTOFFS": {"Pass": self.spec.pass_mark},
        }

    # -- OLX files ---------------------------------------------------------------------------------

    def _chapter(self, url_name: str, display_name: str, sequentials: list[str]) -> str:
        return self._container("chapter", url_name, display_name, "sequential", sequentials)

    def _sequential(self, url_name: str, display_name: str, verticals: list[str], grader: str = "") -> str:
        extra = {"graded": "true", "format": grader} if grader else {}
        return self._container("sequential", url_name, display_name, "vertical", verticals, **extra)

    def _vertical(self, url_name: str, display_name: str, blocks: list[ET.Element]) -> str:
        element = ET.Element("vertical", display_name=display_name)
        element.extend(blocks)
        self._xml(f"vertical/{url_name}.xml", element)
        return url_name

    def _container(self, tag: str, url_name: str, display_name: str, child_tag: str, children: list[str],
                   **attributes: str) -> str:
        element = ET.Element(tag, display_name=display_name, **attributes)
        _children(element, child_tag, children)
        self._xml(f"{tag}/{url_name}.xml", element)
        return url_name

    def _html(self, url_name: str, display_name: str, body: str) -> ET.Element:
        self._xml(f"html/{url_name}.xml", ET.Element("html", filename=url_name, display_name=display_name))
        self._text(f"html/{url_name}.html", body)
        return ET.Element("html", url_name=url_name)

    def _problem(self, question: _Question, *, graded: bool) -> ET.Element:
        attributes = {"display_name": question.display_name, "weight": "1",
                      "rerandomize": "never", "showanswer": "finished" if graded else "attempted"}
        if graded:
            attributes["max_attempts"] = str(GRADED_MAX_ATTEMPTS)
        problem = ET.Element("problem", **attributes)
        response = ET.SubElement(problem, "multiplechoiceresponse")
        ET.SubElement(response, "label").text = question.label
        group = ET.SubElement(response, "choicegroup", type="MultipleChoice")
        for index, text in enumerate(question.choices):
            ET.SubElement(group, "choice", correct="true" if index == question.correct else "false").text = text
        solution = ET.SubElement(ET.SubElement(response, "solution"), "div", {"class": "detailed-solution"})
        ET.SubElement(solution, "p").text = self.t.get("problem.explanation")
        ET.SubElement(solution, "p").text = question.solution
        self._xml(f"problem/{question.url_name}.xml", problem)
        return ET.Element("problem", url_name=question.url_name)

    def _xml(self, path: str, element: ET.Element) -> None:
        ET.indent(element)
        self._text(path, ET.tostring(element, encoding="unicode") + "\n")

    def _json(self, path: str, data: dict) -> None:
        self._text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")

    def _text(self, path: str, text: str) -> None:
        if path in self.files:
            raise ValueError(f"two course files at {path}: url_names must be unique")
        self.files[path] = text.encode("utf-8")


def _children(element: ET.Element, tag: str, url_names: list[str]) -> None:
    for url_name in url_names:
        ET.SubElement(element, tag, url_name=url_name)


def _esc(text: str) -> str:
    """Escape text for an HTML element body (only <, > and &: quotes are plain text there)."""
    return html.escape(text, quote=False)


def _paragraphs(texts_: list[str]) -> str:
    return "".join(f"<p>{_esc(text)}</p>\n" for text in texts_)


def _list(tag: str, items: list[str]) -> str:
    return f"<{tag}>\n" + "".join(f"<li>{_esc(item)}</li>\n" for item in items) + f"</{tag}>\n"


def _author_note(text: str) -> str:
    """A note for course authors, hidden from learners (an HTML comment cannot contain "--")."""
    return f"<!-- {text.replace('--', '—')} -->\n"


def _json_attr(values: list[str]) -> str:
    return json.dumps(values, ensure_ascii=False)


def _percent_value(fraction: float) -> float | int:
    value = round(fraction * 100, 4)
    return int(value) if value == int(value) else value


def _stable_int(*parts: str) -> int:
    """A positive 31-bit id that is the same on every build (Studio keeps certificate ids as ints)."""
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:4], "big") & 0x7FFFFFFF
